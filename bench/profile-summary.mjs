// Summarizes V8 CPU profiles (.cpuprofile, from `node --cpu-prof` or bench/run.mjs with
// BENCH_PROFILE): the functions with the most self time, as a share of the time the process
// was busy (idle samples left out), and the same time by area: the folder of dist/ or the
// package of node_modules whose code is innermost on the stack (so node's internals and native
// work, an HMAC say, count for the code that called them; the garbage collector and samples
// with no such code on the stack count as themselves). Prints
// markdown tables; then the functions of dist/ and node_modules with the most total time (their
// own and their callees', each sample counted once per function on its stack): the steps a
// request goes through.
//
// Usage: node bench/profile-summary.mjs <file.cpuprofile>... [--top N] (default 20)
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const TOP = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 20;

/** Where a function lives: dist/<folder>, a package, node's internals, or V8's own entries. */
function area(url, name) {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const dist = /\/dist\/(.+)$/.exec(url)?.[1];
  if (dist) return `dist/${dist.includes('/') ? dist.split('/').slice(0, dist.split('/').length > 2 ? 2 : 1).join('/') : dist}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

function summarize(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = ({ functionName, url, lineNumber }) => {
    const where = url ? `${url.replace(/^.*\/(dist|node_modules)\//, '$1/').replace(/^file:\/\//, '')}:${lineNumber + 1}` : '';
    return `${functionName || '(anonymous)'}\t${where}`;
  };
  const functions = new Map();
  const areas = new Map();
  const total = new Map();
  let busy = 0;
  for (const [id, micros] of self) {
    const { functionName, url } = byId.get(id).callFrame;
    if (functionName === '(idle)') continue;
    busy += micros;
    const key = keyOf(byId.get(id).callFrame);
    functions.set(key, (functions.get(key) ?? 0) + micros);
    const onStack = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      if (/\/(dist|node_modules)\//.test(frame.url)) onStack.add(keyOf(frame));
    }
    for (const k of onStack) total.set(k, (total.get(k) ?? 0) + micros);
    let owner = id;
    while (owner !== undefined && !/\/(dist|node_modules)\//.test(byId.get(owner).callFrame.url)) owner = parent.get(owner);
    const group = owner === undefined ? area(url, functionName) : area(byId.get(owner).callFrame.url, '');
    areas.set(group, (areas.get(group) ?? 0) + micros);
  }
  const pct = (micros) => `${((100 * micros) / busy).toFixed(1)}%`;
  console.log(`\n### ${basename(file)}: ${(busy / 1e6).toFixed(2)} s busy\n`);
  console.log('| self | function | where |');
  console.log('|---:|---|---|');
  for (const [key, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    const [name, where] = key.split('\t');
    console.log(`| ${pct(micros)} | ${name} | ${where} |`);
  }
  console.log('\n| time | area (innermost own code) |');
  console.log('|---:|---|');
  for (const [group, micros] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`| ${pct(micros)} | ${group} |`);
  console.log('\n| total | function | where |');
  console.log('|---:|---|---|');
  for (const [key, micros] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 2 * TOP)) {
    const [name, where] = key.split('\t');
    console.log(`| ${pct(micros)} | ${name} | ${where} |`);
  }
}

if (args.length === 0) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile>... [--top N]');
  process.exit(2);
}
for (const file of args) summarize(file);
