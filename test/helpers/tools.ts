// Tests that run a program beside Strongroom (the AWS CLI, boto3, the OpenSSL CLI) skip, with the
// reason printed, where it is missing; under CI=true they fail instead, so a CI machine without
// the tool cannot pass by skipping what it was meant to check.
import { spawnSync } from 'node:child_process';

type Tool = 'aws' | 'boto3' | 'openssl' | 'python3' | 'npm registry';

/** Each tool, the command that proves it works here, and what its output must show. */
const TOOLS: Record<Tool, { command: string; args: string[]; shows?: RegExp }> = {
  aws: { command: 'aws', args: ['--version'] },
  boto3: { command: 'python3', args: ['-c', 'import boto3'] },
  python3: { command: 'python3', args: ['--version'] },
  // The tests use SM2 with a distinguishing id (pkeyutl -pkeyopt distid), which is OpenSSL 3's.
  openssl: { command: 'openssl', args: ['version'], shows: /^OpenSSL 3\./ },
  // Installing a packed tarball resolves its dependencies' version ranges with the registry's
  // metadata, which `npm ci` (lockfile-driven) leaves out of npm's cache.
  'npm registry': { command: 'npm', args: ['ping', '--fetch-timeout=10000', '--fetch-retries=0'] },
};

type TestFunction = (name: string, fn: jest.ProvidesCallback, timeout?: number) => void;

/** Why `tool` cannot be used here, or undefined where it can. */
function missing(tool: Tool): string | undefined {
  const { command, args, shows } = TOOLS[tool];
  const res = spawnSync(command, args, { encoding: 'utf8' });
  if (res.status === 0 && (!shows || shows.test(res.stdout))) return undefined;
  const line = [command, ...args.map((arg) => (arg.includes(' ') ? `'${arg}'` : arg))].join(' ');
  return `\`${line}\` ${res.error ? `failed: ${res.error.message}` : `answered ${res.status}: ${(res.stdout + res.stderr).trim()}`}`;
}

const inCi = () => /^(true|1)$/i.test(process.env.CI ?? '');

/**
 * The `it` for tests that need `tool`: jest's own where the tool works; where it does not, one
 * that skips the test (printing why), or under CI=true one whose test fails naming the tool.
 */
export function requireTool(tool: Tool): TestFunction {
  const reason = missing(tool);
  if (reason === undefined) return it;
  if (inCi()) {
    return (name, _fn, timeout) =>
      it(name, () => {
        throw new Error(`${tool} is missing and CI=true does not skip: ${reason}`);
      }, timeout);
  }
  return (name, fn, timeout) => {
    console.log(`skipping '${name}': ${tool} is missing: ${reason}`);
    it.skip(name, fn, timeout);
  };
}
