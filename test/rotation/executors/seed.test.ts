// The seed file's `lambda` section and the resolver: each kind of declaration resolves by ARN to a
// function that runs where it says (relative paths from the seed's folder), the most specific
// declaration wins, undeclared names go to the Lambda endpoint if one is configured, and every
// bad entry stops the start with a message naming the file and the function.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFunctionResolver } from '../../../src/rotation/executors';
import { FunctionRegistry } from '../../../src/rotation/executors/registry';
import type { InProcessCall } from '../../../src/pipeline/context';
import { lambdaSeeder } from '../../../src/rotation/executors/seed';
import { loadSeedFile } from '../../../src/seed';
import { FIXTURES, invocation, rotationEvent } from './invocation';

const defaults = { accountId: '000000000000', region: 'us-east-1' };
/** No Secrets Manager here: a built-in rotator's first call (DescribeSecret) fails with this. */
const noSecretsManager: InProcessCall = async () => {
  throw Object.assign(new Error('no Secrets Manager in this test'), { name: 'Test.NoSecretsManager' });
};
const arn = (name: string, region = 'us-east-1', account = '000000000000') => `arn:aws:lambda:${region}:${account}:function:${name}`;

let dir: string;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  // A Lambda Invoke API that answers with the function name it was called by.
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(JSON.stringify({ invoked: /functions\/([^/]+)\//.exec(req.url ?? '')?.[1] })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-lambda-seed-'));
  cpSync(FIXTURES, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function seed(text: string): Promise<FunctionRegistry> {
  const registry = new FunctionRegistry();
  const file = join(dir, 'seed.yaml');
  writeFileSync(file, text);
  await loadSeedFile(file, { lambda: lambdaSeeder(registry, noSecretsManager) }, defaults);
  return registry;
}

const VALID = `
lambda:
  functions:
    - name: node-rotator
      module: ./node/echo.mjs
      handler: handler
    - name: python-rotator
      python: python
      handler: lambda_function.lambda_handler
    - name: command-rotator
      command: [sh, ./command.sh]
    - name: command-path
      command: ./command.sh
      environment: { FAILURE_REASON: declared }
    - name: remote-rotator
      endpoint: ENDPOINT
      functionName: function
    - name: password-rotator
      builtin: password
`;

describe('the lambda seed section', () => {
  it('declares each kind of function, found by ARN', async () => {
    const resolve = createFunctionResolver(await seed(VALID.replace('ENDPOINT', endpoint)));
    const run = (name: string, step: Parameters<typeof rotationEvent>[0] = 'testSecret') => resolve(arn(name))!.invoke(rotationEvent(step), invocation({ functionName: name }));
    expect(await run('node-rotator')).toEqual({ ok: true, payload: { module: 'esm', step: 'testSecret', functionName: 'node-rotator' } });
    expect(await run('python-rotator')).toEqual({ ok: true, payload: expect.objectContaining({ step: 'testSecret', function_name: 'python-rotator', helper: 'helper' }) });
    expect(await run('command-rotator')).toEqual({ ok: true, payload: { received: rotationEvent('testSecret'), region: 'us-east-1' } });
    expect(await run('command-path', 'setSecret')).toEqual({ ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: 'cannot set the secret: declared' } });
    expect(await run('remote-rotator')).toEqual({ ok: true, payload: { invoked: 'function' } });
    expect(await run('password-rotator')).toEqual({ ok: false, error: { errorType: 'Test.NoSecretsManager', errorMessage: 'no Secrets Manager in this test' } });
  });

  it('prefers the most specific declaration, and knows only Lambda function ARNs', async () => {
    const registry = await seed(`
lambda:
  functions:
    - { name: rotator, builtin: password }
    - { name: rotator, region: eu-west-1, endpoint: ${endpoint} }
    - { name: rotator, region: eu-west-1, account: "111122223333", command: [sh, ./command.sh] }
`);
    const resolve = createFunctionResolver(registry);
    const kind = async (functionArn: string) => {
      const fn = resolve(functionArn);
      if (!fn) return undefined;
      const result = await fn.invoke(rotationEvent(), invocation({ functionName: 'rotator' }));
      return result.ok ? Object.keys(result.payload as object)[0] : result.error.errorType;
    };
    expect(await kind(arn('rotator'))).toBe('Test.NoSecretsManager');
    expect(await kind(arn('rotator', 'eu-west-1'))).toBe('invoked');
    expect(await kind(arn('rotator', 'eu-west-1', '111122223333'))).toBe('received');
    expect(await kind(`${arn('rotator', 'eu-west-1', '111122223333')}:live`)).toBe('received');
    expect(resolve(arn('other'))).toBeUndefined();
    expect(resolve('arn:aws:secretsmanager:us-east-1:000000000000:secret:rotator')).toBeUndefined();
    expect(resolve('rotator')).toBeUndefined();
  });

  it('sends functions no seed declares to the Lambda endpoint, when one is configured', async () => {
    const resolve = createFunctionResolver(await seed('lambda:\n  functions: []\n'), endpoint);
    expect(await resolve(arn('anything'))!.invoke(rotationEvent(), invocation({ functionName: 'anything' }))).toEqual({ ok: true, payload: { invoked: 'anything' } });
    expect(resolve('arn:aws:iam::000000000000:role/anything')).toBeUndefined();
  });

  it.each([
    ['a section that is not a mapping', 'lambda: [1]', 'section: must be a mapping with functions'],
    ['an unknown section field', 'lambda: { fns: [] }', "section: unknown field 'fns' (known: functions)"],
    ['functions that are not a list', 'lambda: { functions: {} }', 'functions: must be a list'],
    ['an entry that is not a mapping', 'lambda: { functions: [rotator] }', 'functions[0]: must be a mapping'],
    ['a missing name', 'lambda: { functions: [{ builtin: password }] }', 'functions[0]: name is required'],
    ['a bad name', 'lambda: { functions: [{ name: "a/b", builtin: password }] }', 'a/b: name must be 1 to 64 letters, digits, hyphens or underscores (a Lambda function name)'],
    ['an unknown field', 'lambda: { functions: [{ name: r, builtin: password, memory: 128 }] }', "r: unknown field 'memory' (known: name, region, account, module, python, command, endpoint, builtin, handler, functionName, environment, role)"],
    ['a role that is not a role ARN', 'lambda: { functions: [{ name: r, builtin: password, role: "arn:aws:iam::000000000000:user/u" }] }', "r: role must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got 'arn:aws:iam::000000000000:user/u'"],
    ['no kind', 'lambda: { functions: [{ name: r }] }', 'r: needs exactly one of module, python, command, endpoint, builtin'],
    ['two kinds', 'lambda: { functions: [{ name: r, builtin: password, command: ./command.sh }] }', 'r: needs exactly one of module, python, command, endpoint, builtin (has command and builtin)'],
    ['a module without a handler', 'lambda: { functions: [{ name: r, module: ./node/echo.cjs }] }', 'r: module needs a handler'],
    ['a handler with a command', 'lambda: { functions: [{ name: r, command: ./command.sh, handler: main }] }', 'r: handler goes with module or python'],
    ['a module that is not there', 'lambda: { functions: [{ name: r, module: ./node/absent.js, handler: handler }] }', 'r: module DIR/node/absent.js is not a file'],
    ['a python folder that is not there', 'lambda: { functions: [{ name: r, python: ./absent, handler: lambda_function.lambda_handler }] }', 'r: python DIR/absent is not a folder'],
    ['a python handler without a module', 'lambda: { functions: [{ name: r, python: ./python, handler: lambda_handler }] }', "r: handler 'lambda_handler' must be module.function, e.g. lambda_function.lambda_handler"],
    ['an empty command', 'lambda: { functions: [{ name: r, command: [] }] }', 'r: command must be an executable path or a non-empty list of arguments'],
    ['an endpoint that is not a URL', 'lambda: { functions: [{ name: r, endpoint: "localhost:3001" }] }', "r: endpoint must be an http or https URL, got 'localhost:3001'"],
    ['functionName without an endpoint', 'lambda: { functions: [{ name: r, builtin: password, functionName: f }] }', 'r: functionName goes with endpoint'],
    ['an unknown builtin', 'lambda: { functions: [{ name: r, builtin: mysql }] }', "r: unknown builtin 'mysql' (known: password, postgres-single-user, postgres-alternating-users)"],
    ['a bad environment', 'lambda: { functions: [{ name: r, command: ./command.sh, environment: { "A-B": x } }] }', "r: environment name 'A-B' is not a valid variable name"],
    ['environment with a builtin', 'lambda: { functions: [{ name: r, builtin: password, environment: { A: x } }] }', 'r: environment does not go with builtin'],
    ['a bad region', 'lambda: { functions: [{ name: r, region: mars, builtin: password }] }', "r: region must be an AWS region name, got 'mars'"],
    ['a bad account', 'lambda: { functions: [{ name: r, account: 42, builtin: password }] }', "r: account must be 12 digits, got '42'"],
    ['a name declared twice', 'lambda: { functions: [{ name: r, builtin: password }, { name: r, builtin: password }] }', 'r: declared twice for the same region and account'],
  ])('rejects %s, naming the file and the function', async (_, text, message) => {
    await expect(seed(text)).rejects.toThrow(`seed ${join(dir, 'seed.yaml')}: lambda ${message.replace('DIR', dir)}`);
  });
});
