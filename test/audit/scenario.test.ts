// The audit trail end to end: a scenario of Secrets Manager, KMS and STS calls through the SDKs,
// in audit mode, with the --audit-log file. No secret the scenario handles (values, plaintexts,
// data keys, private keys, passwords, secret access keys) may appear anywhere in the trail or
// the file; audit mode's would-deny decisions are marked on their events; a failed call's log
// line names its event.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand, GenerateDataKeyPairCommand, KMSClient, CreateKeyCommand } from '@aws-sdk/client-kms';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { TrailEvent } from '../../src/audit/types';
import { awsError, startServer, type TestServer } from '../helpers/server';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
const ROOT = { accessKeyId: 'AKIAROOTSCENARIO0000', secretAccessKey: 'root-scenario-secret' };
const ALICE = { accessKeyId: 'AKIAALICESCENARIO000', secretAccessKey: 'alice-scenario-secret' };
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/reader`;

let dir: string;
let auditLog: string;
let server: TestServer;
const lines: string[] = [];
let spies: jest.SpyInstance[];
const clients: { destroy(): void }[] = [];

function client<T extends { destroy(): void }>(Client: new (config: object) => T, credentials: object): T {
  const made = new Client({ endpoint: server.url, region: REGION, credentials: { ...credentials }, maxAttempts: 1 });
  clients.push(made);
  return made;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-audit-scenario-'));
  auditLog = join(dir, 'audit.jsonl');
  const seed = join(dir, 'seed.json');
  const allowApp = { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:app/*` };
  writeFileSync(
    seed,
    JSON.stringify({
      iam: {
        accounts: [{ id: ACCOUNT, rootAccessKeys: [ROOT] }],
        users: [{ name: 'alice', account: ACCOUNT, accessKeys: [ALICE], policies: [{ name: 'app', document: { Version: '2012-10-17', Statement: [allowApp] } }] }],
        roles: [{ name: 'reader', account: ACCOUNT, trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] } }],
      },
    }),
  );
  // The log (stdout: one line per call; stderr: audit mode's would-deny lines), kept for the test.
  spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }),
  );
  server = await startServer({ auth: 'audit', seeds: [seed], accountId: ACCOUNT, auditLog, logLevel: 'info' });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
  for (const spy of spies) spy.mockRestore();
  rmSync(dir, { recursive: true, force: true });
});

async function trail(filter: Parameters<TestServer['strongroom']['trail']['export']>[0] = {}): Promise<TrailEvent[]> {
  const events: TrailEvent[] = [];
  for await (const event of server.strongroom.trail.export(filter)) events.push(event);
  return events;
}

it('keeps every secret the scenario handled out of the trail and the --audit-log file', async () => {
  const sm = client(SecretsManagerClient, ROOT);
  const kms = client(KMSClient, ROOT);
  const secrets: string[] = [];
  const remember = (...values: (string | Uint8Array | undefined)[]) => {
    for (const v of values) {
      if (v === undefined) continue;
      const bytes = typeof v === 'string' ? Buffer.from(v) : Buffer.from(v);
      secrets.push(bytes.toString('utf8'), bytes.toString('base64'));
    }
  };

  const stringValue = 'scenario-string-value-4f1d2c';
  const binaryValue = Buffer.from('scenario-binary-value-9e8a7b');
  remember(stringValue, binaryValue);
  await sm.send(new CreateSecretCommand({ Name: 'app/db', SecretString: stringValue }));
  await sm.send(new PutSecretValueCommand({ SecretId: 'app/db', SecretBinary: binaryValue }));
  await sm.send(new GetSecretValueCommand({ SecretId: 'app/db' }));
  await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['app/db'] }));
  const { RandomPassword } = await sm.send(new GetRandomPasswordCommand({ PasswordLength: 40 }));
  remember(RandomPassword);

  const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const plaintext = Buffer.from('scenario-plaintext-1a2b3c');
  remember(plaintext);
  const sealed = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: { purpose: 'scenario' } }));
  await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { purpose: 'scenario' } }));
  const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
  remember(dataKey.Plaintext);
  const pair = await kms.send(new GenerateDataKeyPairCommand({ KeyId: keyId, KeyPairSpec: 'ECC_NIST_P256' }));
  remember(pair.PrivateKeyPlaintext);

  const { Credentials } = await client(STSClient, ROOT).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'scenario' }));
  remember(Credentials!.SecretAccessKey, ROOT.secretAccessKey, ALICE.secretAccessKey);

  // A failure: still recorded, and the value-bearing input still left out.
  expect(await awsError(() => sm.send(new PutSecretValueCommand({ SecretId: 'missing', SecretString: stringValue })))).toMatchObject({ name: 'ResourceNotFoundException' });

  const events = await trail();
  const names = events.map((e) => e.eventName);
  for (const name of ['CreateSecret', 'PutSecretValue', 'GetSecretValue', 'BatchGetSecretValue', 'GetRandomPassword', 'Encrypt', 'Decrypt', 'GenerateDataKey', 'GenerateDataKeyPair', 'AssumeRole']) {
    expect(names).toContain(name);
  }
  // Secrets Manager's own KMS calls are there, made for the caller.
  expect(events.some((e) => e.eventSource === 'kms.amazonaws.com' && e.userIdentity.invokedBy === 'secretsmanager.amazonaws.com')).toBe(true);
  const failed = events.find((e) => e.eventName === 'PutSecretValue' && e.errorCode === 'ResourceNotFoundException');
  expect(failed).toBeDefined();

  const stored = events.map((e) => JSON.stringify(e)).join('\n');
  const file = readFileSync(auditLog, 'utf8');
  expect(file.trim().split('\n').length).toBeGreaterThanOrEqual(events.length);
  for (const secret of secrets) {
    expect(stored).not.toContain(secret);
    expect(file).not.toContain(secret);
  }
});

it('marks the calls audit mode would deny, and a failed call’s log line names its event', async () => {
  const root = client(SecretsManagerClient, ROOT);
  const other = await root.send(new CreateSecretCommand({ Name: 'billing/db', SecretString: 'billing' }));
  await client(SecretsManagerClient, ALICE).send(new GetSecretValueCommand({ SecretId: 'billing/db' }));
  const marked = await trail({ wouldDeny: true });
  expect(marked).toHaveLength(1);
  expect(marked[0]).toMatchObject({ eventName: 'GetSecretValue', userIdentity: { type: 'IAMUser', userName: 'alice' } });
  expect(marked[0].additionalEventData).toEqual({
    strongroomWouldDeny: [
      {
        action: 'secretsmanager:GetSecretValue',
        resource: other.ARN,
        message: `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: secretsmanager:GetSecretValue on resource: ${other.ARN} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
      },
    ],
  });

  lines.length = 0;
  const sm = client(SecretsManagerClient, ROOT);
  const failure = await awsError(() => sm.send(new GetSecretValueCommand({ SecretId: 'no-such-secret' })));
  expect(failure.name).toBe('ResourceNotFoundException');
  const [event] = (await trail({ errors: true, eventName: 'GetSecretValue' })).filter((e) => e.errorCode === 'ResourceNotFoundException');
  expect(lines.filter((line) => line.startsWith('GetSecretValue 400 ') && line.includes(`event=${event.eventID}`))).toHaveLength(1);
});
