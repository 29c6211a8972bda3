// The command line: flags win over environment variables, which win over defaults; bad values
// stop the start with a message; and the options it produces start a working Strongroom.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HELP, parseCli } from '../../src/cli';
import { DEFAULTS, resolveOptions } from '../../src/config';
import { createStrongroom } from '../../src/index';
import { VERSION } from '../../src/version';

describe('parseCli', () => {
  it('leaves everything unset (defaults apply) when given nothing', () => {
    const parsed = parseCli([], {});
    expect(resolveOptions(parsed as object)).toEqual(DEFAULTS);
  });

  it('reads every flag', () => {
    expect(
      parseCli(
        ['--host', '0.0.0.0', '--port', '0', '--data-dir', '/tmp/x', '--in-memory', '--account-id', '123456789012', '--region', 'eu-west-1', '--seed', 'a.yaml', '--seed', 'b.json', '--log-level', 'debug'],
        {},
      ),
    ).toEqual({
      host: '0.0.0.0',
      port: 0,
      dataDir: '/tmp/x',
      inMemory: true,
      accountId: '123456789012',
      region: 'eu-west-1',
      seeds: ['a.yaml', 'b.json'],
      logLevel: 'debug',
      rootKey: undefined,
    });
  });

  it('reads every environment variable', () => {
    const env = {
      STRONGROOM_HOST: '::',
      STRONGROOM_PORT: '5000',
      STRONGROOM_DATA_DIR: '/data',
      STRONGROOM_IN_MEMORY: 'TRUE',
      STRONGROOM_ACCOUNT_ID: '111122223333',
      STRONGROOM_REGION: 'ap-south-1',
      STRONGROOM_SEED: 'a.yaml,,b.yaml',
      STRONGROOM_LOG_LEVEL: 'warn',
      STRONGROOM_ROOT_KEY: 'ab'.repeat(32),
    };
    expect(parseCli([], env)).toEqual({
      host: '::',
      port: 5000,
      dataDir: '/data',
      inMemory: true,
      accountId: '111122223333',
      region: 'ap-south-1',
      seeds: ['a.yaml', 'b.yaml'],
      logLevel: 'warn',
      rootKey: 'ab'.repeat(32),
    });
    expect(parseCli([], { STRONGROOM_IN_MEMORY: '0' })).toMatchObject({ inMemory: false });
  });

  it('reads the browser-access lists from flags and variables, flags first', () => {
    const env = { STRONGROOM_CORS_ORIGINS: 'http://a.example, http://b.example:8080', STRONGROOM_ALLOWED_HOSTS: 'strongroom,,localstack' };
    expect(parseCli([], env)).toMatchObject({ corsOrigins: ['http://a.example', 'http://b.example:8080'], allowedHosts: ['strongroom', 'localstack'] });
    expect(parseCli(['--cors-origins', '*', '--allowed-hosts', 'sr'], env)).toMatchObject({ corsOrigins: ['*'], allowedHosts: ['sr'] });
    expect(resolveOptions({ corsOrigins: ['HTTPS://App.Example:443/'], allowedHosts: ['Strongroom'] })).toMatchObject({
      corsOrigins: ['https://app.example'],
      allowedHosts: ['strongroom'],
    });
  });

  it('reads --sync-writes and STRONGROOM_SYNC_WRITES (true or false), flag first, and documents them', () => {
    expect(parseCli(['--sync-writes', 'true'], {})).toMatchObject({ syncWrites: true });
    expect(parseCli([], { STRONGROOM_SYNC_WRITES: 'FALSE' })).toMatchObject({ syncWrites: false });
    expect(parseCli(['--sync-writes', '0'], { STRONGROOM_SYNC_WRITES: 'yes' })).toMatchObject({ syncWrites: false });
    expect(() => parseCli([], { STRONGROOM_SYNC_WRITES: 'on' })).toThrow("STRONGROOM_SYNC_WRITES must be true or false, got 'on'");
    expect(resolveOptions({}).syncWrites).toBe(false);
    expect(HELP).toContain('--sync-writes <bool> STRONGROOM_SYNC_WRITES false');
  });

  it('reads the access control, audit and console options from flags and variables, flags first', () => {
    const flags = ['--auth', 'enforce', '--audit-trail', 'false', '--console', 'false', '--console-path', '/_strongroom/ui', '--console-access-key', 'AKIAX'];
    expect(parseCli(flags, {})).toMatchObject({ auth: 'enforce', auditTrail: false, console: false, consolePath: '/_strongroom/ui', consoleAccessKey: 'AKIAX' });
    const env = { STRONGROOM_AUTH: 'audit', STRONGROOM_AUDIT_LOG: '/tmp/a.jsonl', STRONGROOM_CONSOLE: 'true', STRONGROOM_CONSOLE_PATH: '/_strongroom/c', STRONGROOM_CONSOLE_ACCESS_KEY: 'AKIAY' };
    expect(parseCli([], env)).toMatchObject({ auth: 'audit', auditLog: '/tmp/a.jsonl', console: true, consolePath: '/_strongroom/c', consoleAccessKey: 'AKIAY' });
    expect(parseCli(['--auth', 'verify'], env)).toMatchObject({ auth: 'verify' });
    for (const text of ['--auth', 'STRONGROOM_AUTH', '--console', 'STRONGROOM_CONSOLE_PATH', '--console-access-key', '--audit-log', 'STRONGROOM_AUDIT_TRAIL']) expect(HELP).toContain(text);
  });

  it('lets flags win over environment variables', () => {
    const env = { STRONGROOM_PORT: '5000', STRONGROOM_REGION: 'ap-south-1', STRONGROOM_SEED: 'env.yaml', STRONGROOM_LOG_LEVEL: 'warn' };
    expect(parseCli(['--port', '6000', '--seed', 'flag.yaml', '--log-level', 'error'], env)).toMatchObject({
      port: 6000,
      region: 'ap-south-1',
      seeds: ['flag.yaml'],
      logLevel: 'error',
    });
  });

  it('answers --help and --version before anything else', () => {
    expect(parseCli(['--help'], {})).toBe('help');
    expect(parseCli(['-h', '--port', 'x'], {})).toBe('help');
    expect(parseCli(['--version'], {})).toBe('version');
    expect(parseCli(['-v'], {})).toBe('version');
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('documents every option and variable in --help', () => {
    for (const flag of ['--host', '--port', '--data-dir', '--in-memory', '--account-id', '--region', '--seed', '--log-level', '--cors-origins', '--allowed-hosts', '--help', '--version']) {
      expect(HELP).toContain(flag);
    }
    for (const name of ['HOST', 'PORT', 'DATA_DIR', 'IN_MEMORY', 'ACCOUNT_ID', 'REGION', 'SEED', 'LOG_LEVEL', 'ROOT_KEY', 'CORS_ORIGINS', 'ALLOWED_HOSTS']) {
      expect(HELP).toContain(`STRONGROOM_${name}`);
    }
  });

  it.each([
    [['--log-level', 'loud'], {}, "--log-level must be one of debug, info, warn, error, silent, got 'loud'"],
    [[], { STRONGROOM_LOG_LEVEL: 'verbose' }, "--log-level must be one of debug, info, warn, error, silent, got 'verbose'"],
    [['--port', 'http'], {}, "--port must be a port number from 0 to 65535, got 'http'"],
    [['--port', '70000'], {}, "--port must be a port number from 0 to 65535, got '70000'"],
    [[], { STRONGROOM_PORT: '-1' }, "STRONGROOM_PORT must be a port number from 0 to 65535, got '-1'"],
    [['--colour'], {}, "Unknown option '--colour'"],
    [['serve'], {}, "Unexpected argument 'serve'"],
  ])('rejects %j %j', (argv, env, message) => {
    expect(() => parseCli(argv, env)).toThrow(message);
  });
});

describe('resolveOptions', () => {
  it('rejects an account id that is not 12 digits', () => {
    expect(() => resolveOptions({ accountId: '1234' })).toThrow("account id must be 12 digits, got '1234'");
  });

  it.each([
    [{ auth: 'strict' as never }, "auth mode must be one of open, verify, audit, enforce, got 'strict'"],
    [{ consolePath: '/console' }, "console path must be a path under /_strongroom/ of letters, digits, - and _ that no other route uses, got '/console'"],
    [{ consolePath: '/_strongroom/health' }, "console path must be a path under /_strongroom/ of letters, digits, - and _ that no other route uses, got '/_strongroom/health'"],
    [{ consolePath: '/_strongroom/ui/../reset' }, "console path must be a path under /_strongroom/ of letters, digits, - and _ that no other route uses, got '/_strongroom/ui/../reset'"],
  ])('rejects %j', (given, message) => {
    expect(() => resolveOptions(given)).toThrow(message);
  });
});

describe('createStrongroom', () => {
  it('serves health on the port it reports, then closes', async () => {
    const strongroom = await createStrongroom({ port: 0, inMemory: true, logLevel: 'silent' });
    try {
      expect(strongroom.url).toBe(`http://127.0.0.1:${strongroom.port}`);
      const res = await fetch(`${strongroom.url}/_strongroom/health`);
      expect(await res.json()).toMatchObject({ status: 'ok', storage: 'memory' });
    } finally {
      await strongroom.close();
    }
    await expect(fetch(`${strongroom.url}/_strongroom/health`)).rejects.toThrow();
  });

  it('creates the data dir and leaves it unlocked after a start that fails (bad seed, port in use)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strongroom-cli-'));
    try {
      const dataDir = join(dir, 'nested', 'state');
      await expect(createStrongroom({ port: 0, dataDir, logLevel: 'silent', seeds: [join(dir, 'missing.yaml')] })).rejects.toThrow(
        `seed ${join(dir, 'missing.yaml')}:`,
      );
      const first = await createStrongroom({ port: 0, inMemory: true, logLevel: 'silent' });
      try {
        await expect(createStrongroom({ port: first.port, dataDir, logLevel: 'silent' })).rejects.toThrow('EADDRINUSE');
      } finally {
        await first.close();
      }
      const strongroom = await createStrongroom({ port: 0, dataDir, logLevel: 'silent' });
      await strongroom.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
