#!/usr/bin/env node
// Generates protocol/<service>.json — the compact wire contract Strongroom runs on — from
// botocore's data files installed on this machine, plus scripts/protocol-patch.json for what
// botocore lacks. Prose (documentation, examples) is dropped; shapes, members, constraints and
// errors are kept. Then src/protocol/generated/<service>.ts, the handler types, from each model
// (generate-types.mjs). `--check` regenerates in memory and fails if a committed file differs;
// without botocore it checks the types against the committed models alone.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTypes } from './generate-types.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = [
  { name: 'secretsmanager', dir: 'secretsmanager/2017-10-17', prefix: 'SecretsManager' },
  { name: 'kms', dir: 'kms/2014-11-01', prefix: 'Kms' },
  { name: 'sts', dir: 'sts/2011-06-15', prefix: 'Sts' },
  { name: 'cloudtrail', dir: 'cloudtrail/2013-11-01', prefix: 'CloudTrail' },
];
const SHAPE_KEYS = ['type', 'required', 'min', 'max', 'pattern', 'enum', 'member', 'key', 'value', 'sensitive', 'exception', 'fault'];

function botocoreDataDir() {
  const code = 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))';
  return execFileSync(process.env.PYTHON ?? 'python3', ['-c', code], { encoding: 'utf8' }).trim();
}

function compactShape(shape) {
  const out = {};
  for (const key of SHAPE_KEYS) if (shape[key] !== undefined) out[key] = shape[key];
  for (const key of ['member', 'key', 'value']) if (out[key]) out[key] = { shape: out[key].shape };
  // The query protocol's wire code and status of an error (MalformedPolicyDocumentException is
  // `MalformedPolicyDocument`, 400); JSON models carry none.
  if (shape.error) out.error = { code: shape.error.code, httpStatusCode: shape.error.httpStatusCode };
  if (shape.members) {
    out.members = {};
    for (const [name, member] of Object.entries(shape.members)) {
      out.members[name] = { shape: member.shape };
      if (member.idempotencyToken) out.members[name].idempotencyToken = true;
    }
  }
  return out;
}

function applyPatch(model, patch) {
  if (!patch) return;
  Object.assign(model.shapes, patch.shapes ?? {});
  Object.assign(model.operations, patch.operations ?? {});
  for (const [shape, values] of Object.entries(patch.enumValues ?? {})) {
    for (const v of values) if (!model.shapes[shape].enum.includes(v)) model.shapes[shape].enum.push(v);
  }
  for (const [shape, members] of Object.entries(patch.members ?? {})) Object.assign(model.shapes[shape].members, members);
  for (const [shape, names] of Object.entries(patch.notRequired ?? {})) {
    model.shapes[shape].required = model.shapes[shape].required.filter((n) => !names.includes(n));
  }
}

function generate(dataDir, name, dir, patch) {
  const source = JSON.parse(gunzipSync(readFileSync(join(dataDir, dir, 'service-2.json.gz'))).toString('utf8'));
  const { metadata } = source;
  const model = {
    metadata: {
      apiVersion: metadata.apiVersion,
      targetPrefix: metadata.targetPrefix,
      signingName: metadata.signingName ?? metadata.endpointPrefix,
      jsonVersion: metadata.jsonVersion,
      // Only where it is not AWS JSON (STS speaks the query protocol, answering in XML).
      ...(metadata.protocol === 'json' ? {} : { protocol: metadata.protocol, xmlNamespace: metadata.xmlNamespace }),
      source: `botocore data ${dir}`,
    },
    operations: {},
    shapes: {},
  };
  for (const [opName, op] of Object.entries(source.operations)) {
    model.operations[opName] = {
      ...(op.input ? { input: op.input.shape } : {}),
      ...(op.output ? { output: op.output.shape } : {}),
      errors: (op.errors ?? []).map((e) => e.shape),
    };
  }
  for (const [shapeName, shape] of Object.entries(source.shapes)) model.shapes[shapeName] = compactShape(shape);
  applyPatch(model, patch[name]);
  model.operations = Object.fromEntries(Object.entries(model.operations).sort(([a], [b]) => a.localeCompare(b)));
  model.shapes = Object.fromEntries(Object.entries(model.shapes).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify(model, null, 1) + '\n';
}

const check = process.argv.includes('--check');
let stale = 0;

/** Writes `text` to `file` (relative to the project), or in check mode counts it stale if it differs. */
function emit(file, text, summary) {
  const path = join(root, file);
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      console.error(`${file} differs from what ${summary}; run npm run protocol:generate`);
      stale++;
    }
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`${file}: written`);
  }
}

let dataDir;
try {
  dataDir = botocoreDataDir();
} catch {
  console.log('protocol: botocore is not installed here; the models are taken as committed');
}
const patch = JSON.parse(readFileSync(join(root, 'scripts', 'protocol-patch.json'), 'utf8'));
for (const { name, dir, prefix } of SERVICES) {
  const modelFile = `protocol/${name}.json`;
  if (dataDir) emit(modelFile, generate(dataDir, name, dir, patch), 'botocore + the patch generate');
  // The types follow the model on disk: the one just written, or in check mode the committed one
  // (a stale model is reported above).
  const model = JSON.parse(readFileSync(join(root, modelFile), 'utf8'));
  emit(`src/protocol/generated/${name}.ts`, generateTypes(model, name, prefix), `${modelFile} generates`);
}
if (check) console.log(stale ? 'protocol: stale' : 'protocol: up to date');
process.exit(stale ? 1 : 0);
