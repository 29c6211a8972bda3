// Which X-Aws-Parameters-Secrets-Token the agent port expects: --agent-token, else the agent's
// variables in its order (a file:// value read from the file), else any non-empty one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectedToken } from '../../src/agent';
import { send } from '../http/raw';
import { startServer } from '../helpers/server';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-token-'));
  writeFileSync(join(dir, 'token'), 'from-a-file\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('takes --agent-token first, then AWS_TOKEN, AWS_SESSION_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN', () => {
  const env = { AWS_TOKEN: 'a', AWS_SESSION_TOKEN: 'b', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'c' };
  expect(expectedToken('given', env)).toBe('given');
  expect(expectedToken(undefined, env)).toBe('a');
  expect(expectedToken(undefined, { AWS_SESSION_TOKEN: 'b', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'c' })).toBe('b');
  expect(expectedToken(undefined, { AWS_CONTAINER_AUTHORIZATION_TOKEN: 'c' })).toBe('c');
  expect(expectedToken(undefined, {})).toBeUndefined();
});

it('reads a file:// token from its file, trimmed', () => {
  expect(expectedToken(`file://${join(dir, 'token')}`, {})).toBe('from-a-file');
  expect(expectedToken(undefined, { AWS_TOKEN: `file://${join(dir, 'token')}` })).toBe('from-a-file');
  expect(() => expectedToken(`file://${join(dir, 'absent')}`, {})).toThrow(`--agent-token names the token file '${join(dir, 'absent')}', which cannot be read`);
});

describe('with no token configured anywhere', () => {
  const saved: Record<string, string | undefined> = {};
  const names = ['AWS_TOKEN', 'AWS_SESSION_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'];
  beforeAll(() => {
    for (const name of names) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  });
  afterAll(() => {
    for (const name of names) if (saved[name] !== undefined) process.env[name] = saved[name];
  });

  it('accepts any non-empty token, and still refuses a request without one', async () => {
    const server = await startServer({ agentPort: 0 });
    try {
      const get = (headers: Record<string, string>) => send(server.strongroom.agentUrl!, { method: 'GET', path: '/secretsmanager/get?secretId=absent', headers });
      // Past the token check: the secret's absence is the answer.
      expect((await get({ 'X-Aws-Parameters-Secrets-Token': 'anything' })).status).toBe(400);
      expect((await get({})).status).toBe(403);
    } finally {
      await server.close();
    }
  });
});
