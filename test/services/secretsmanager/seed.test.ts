import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CancelRotateSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { awsError, startServer } from '../../helpers/server';
import { stagesOf } from './helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-sm-seed-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const V1 = '11111111-1111-4111-8111-111111111111';
const V2 = '22222222-2222-4222-8222-222222222222';
const V3 = '33333333-3333-4333-8333-333333333333';

function seedFile(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

const SEED = `
version: 1
secretsmanager:
  secrets:
    - name: app/db
      description: Database login
      secretString: '{"user":"app","password":"demo"}'
      tags: { env: dev, team: payments }
      resourcePolicy:
        Version: "2012-10-17"
        Statement: [{ Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "secretsmanager:GetSecretValue", Resource: "*" }]
      replicaRegions: [eu-west-1]
    - name: app/token
      account: "111122223333"
      region: us-west-2
      versions:
        - { versionId: ${V1}, secretString: old }
        - { versionId: ${V2}, secretString: current }
        - { versionId: ${V3}, secretBinary: AAEC/w==, stages: [AWSPENDING] }
      rotation: { lambdaArn: "arn:aws:lambda:us-west-2:111122223333:function:rotate", scheduleExpression: "rate(10 days)", duration: 2h }
    - name: app/empty
      tags: [{ Key: owner, Value: me }]
`;

describe('secretsmanager seed section', () => {
  it('creates secrets with values, versions, tags, policy, replicas and rotation settings', async () => {
    const server = await startServer({ seeds: [seedFile('seed.yaml', SEED)] });
    try {
      const sm = server.sm();
      expect((await sm.send(new GetSecretValueCommand({ SecretId: 'app/db' }))).SecretString).toBe('{"user":"app","password":"demo"}');
      expect(await sm.send(new DescribeSecretCommand({ SecretId: 'app/db' }))).toMatchObject({
        Description: 'Database login',
        Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'payments' }],
        ReplicationStatus: [{ Region: 'eu-west-1', Status: 'InSync' }],
      });
      expect(JSON.parse((await sm.send(new GetResourcePolicyCommand({ SecretId: 'app/db' }))).ResourcePolicy!).Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::111122223333:root' });
      expect((await server.sm({ region: 'eu-west-1' }).send(new GetSecretValueCommand({ SecretId: 'app/db' }))).SecretString).toContain('demo');

      const other = server.sm({ region: 'us-west-2', accessKeyId: '111122223333' });
      expect(await stagesOf(other, 'app/token')).toEqual({ [V1]: ['AWSPREVIOUS'], [V2]: ['AWSCURRENT'], [V3]: ['AWSPENDING'] });
      expect(Buffer.from((await other.send(new GetSecretValueCommand({ SecretId: 'app/token', VersionStage: 'AWSPENDING' }))).SecretBinary!)).toEqual(Buffer.from([0, 1, 2, 255]));
      expect(await other.send(new DescribeSecretCommand({ SecretId: 'app/token' }))).toMatchObject({
        RotationEnabled: true,
        RotationLambdaARN: 'arn:aws:lambda:us-west-2:111122223333:function:rotate',
        RotationRules: { ScheduleExpression: 'rate(10 days)', Duration: '2h' },
      });
      // The stored function cannot be invoked here; cancelling turns rotation off and keeps the settings.
      expect(await awsError(() => other.send(new RotateSecretCommand({ SecretId: 'app/token' })))).toMatchObject({ name: 'AccessDeniedException' });
      expect((await other.send(new CancelRotateSecretCommand({ SecretId: 'app/token' }))).VersionId).toBe(V3);
      expect(await other.send(new DescribeSecretCommand({ SecretId: 'app/token' }))).toMatchObject({ RotationEnabled: false, RotationRules: { ScheduleExpression: 'rate(10 days)' } });

      const empty = await sm.send(new DescribeSecretCommand({ SecretId: 'app/empty' }));
      expect([empty.VersionIdsToStages, empty.Tags]).toEqual([undefined, [{ Key: 'owner', Value: 'me' }]]);
    } finally {
      await server.close();
    }
  });

  it('leaves existing secrets as they are when the file is loaded again', async () => {
    const file = seedFile('again.yaml', SEED);
    const dataDir = join(dir, 'data');
    const first = await startServer({ seeds: [file], inMemory: false, dataDir });
    await first.sm().send(new PutSecretValueCommand({ SecretId: 'app/db', SecretString: 'changed' }));
    await first.close();
    const second = await startServer({ seeds: [file], inMemory: false, dataDir });
    try {
      expect((await second.sm().send(new GetSecretValueCommand({ SecretId: 'app/db' }))).SecretString).toBe('changed');
      expect((await second.sm().send(new ListSecretsCommand({}))).SecretList!.map((s) => s.Name)).toEqual(['app/db', 'app/empty']);
    } finally {
      await second.close();
    }
  });

  it('stops the start with an error naming the file and the secret', async () => {
    const cases: [string, string][] = [
      ['secretsmanager: { secrets: [{ name: a, colour: red }] }', "secretsmanager secret a: unknown field 'colour' in the secret"],
      ['secretsmanager: { secrets: [{ description: x }] }', 'secretsmanager secrets[0]: name is required'],
      ['secretsmanager: { secrets: [{ name: a, secretString: x, versions: [] }] }', 'secretsmanager secret a: give either secretString/secretBinary or versions, not both'],
      ['secretsmanager: { secrets: [{ name: a, versions: [{ versionId: short, secretString: x }] }] }', 'secretsmanager secret a: versions[0] versionId must be 32 to 64 characters'],
      ['secretsmanager: { secrets: [{ name: "bad name" }] }', 'secretsmanager secret bad name: ValidationException: Invalid name.'],
      ['secretsmanager: { secrets: [{ name: a, rotation: { lambdaArn: x, automaticallyAfterDays: 5, scheduleExpression: "rate(5 days)" } }] }', 'secretsmanager secret a: InvalidParameterException: You cannot specify both'],
      ['secretsmanager: { secret: [] }', "secretsmanager section: unknown field 'secret' (known: secrets)"],
    ];
    for (const [i, [body, message]] of cases.entries()) {
      const file = seedFile(`bad-${i}.yaml`, body);
      await expect(startServer({ seeds: [file] })).rejects.toThrow(`seed ${file}: ${message}`);
    }
  });

  it('applies the tag rules of CreateSecret and the model to seeded tags', async () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const cases: [string, string][] = [
      ['{ "aws:owner": me }', "InvalidParameterException: You can't modify system tags. Tag key: 'aws:owner'."],
      ['[{ Key: env, Value: a }, { Key: env, Value: b }]', "InvalidParameterException: You can't use the same tag key more than once in a request. Tag key: 'env'."],
      [JSON.stringify(many), "InvalidParameterException: You can't attach more than 50 tags to a secret."],
      [`{ ${'k'.repeat(129)}: v }`, `ValidationException: 1 validation error detected: Value '${'k'.repeat(129)}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`],
      [`{ k: ${'v'.repeat(257)} }`, `ValidationException: 1 validation error detected: Value '${'v'.repeat(257)}' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`],
      ['[{ Value: v }]', 'tags[0] needs a Key'],
    ];
    for (const [i, [tags, message]] of cases.entries()) {
      const file = seedFile(`bad-tags-${i}.yaml`, `secretsmanager: { secrets: [{ name: a, secretString: x, tags: ${tags} }] }`);
      await expect(startServer({ seeds: [file] })).rejects.toThrow(`seed ${file}: secretsmanager secret a: ${message}`);
    }
  });

  it('loads the demo seed file', async () => {
    const server = await startServer({ seeds: [resolve(__dirname, '../../../fixtures/demo.yaml')] });
    try {
      const names = (await server.sm().send(new ListSecretsCommand({}))).SecretList!.map((s) => s.Name);
      expect(names).toEqual(expect.arrayContaining(['demo/database', 'demo/api-key', 'demo/certificate']));
      expect((await server.sm().send(new GetSecretValueCommand({ SecretId: 'demo/api-key' }))).SecretString).toBe('demo-api-key-not-a-real-secret');
    } finally {
      await server.close();
    }
  });
});
