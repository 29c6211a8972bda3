// dispatch(): AWS operations run in process through the same steps as an HTTP request — model
// validation, the handler, the one record exit — and the calls one service makes to the other
// go through it too, marked with the calling service.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { createStrongroom, type Strongroom } from '../../src';
import { Clock } from '../../src/clock';
import { Logger } from '../../src/log';
import { noteResource, rootPrincipal } from '../../src/pipeline/context';
import { createDispatcher } from '../../src/pipeline/dispatch';
import { loadModel } from '../../src/protocol/model';
import type { AwsService } from '../../src/services/service';
import { awsError, TEST_CREDENTIALS } from '../helpers/server';

describe('in process, without HTTP', () => {
  let strongroom: Strongroom;
  beforeAll(async () => {
    strongroom = await createStrongroom({ port: 0, inMemory: true, logLevel: 'silent' });
  });
  afterAll(() => strongroom.close());

  it('runs operations with the SDK shapes: Buffers in and out, Dates out', async () => {
    const created = await strongroom.call<{ ARN: string; VersionId: string }>('secretsmanager', 'CreateSecret', {
      Name: 'in-process',
      SecretBinary: Buffer.from([1, 2, 3]),
      ClientRequestToken: 'a'.repeat(32),
    });
    expect(created.VersionId).toBe('a'.repeat(32));
    const value = await strongroom.call<{ SecretBinary: Buffer; CreatedDate: Date; ARN: string }>('secretsmanager', 'GetSecretValue', { SecretId: 'in-process' });
    expect(value.SecretBinary).toEqual(Buffer.from([1, 2, 3]));
    expect(value.CreatedDate).toBeInstanceOf(Date);
    expect(value.ARN).toBe(created.ARN);
  });

  it('validates input by the model, with AWS error text', async () => {
    await expect(strongroom.call('kms', 'GenerateRandom', { NumberOfBytes: 0 })).rejects.toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    await expect(strongroom.call('kms', 'GenerateRandom', { NumberOfBytes: 'many' })).rejects.toMatchObject({ name: 'SerializationException' });
  });

  it('acts in the account of a 12-digit access key and in the region asked for', async () => {
    await strongroom.call('secretsmanager', 'CreateSecret', { Name: 'elsewhere', SecretString: 'x' }, { accessKeyId: '111122223333', region: 'eu-west-1' });
    const { ARN } = await strongroom.call<{ ARN: string }>('secretsmanager', 'DescribeSecret', { SecretId: 'elsewhere' }, { accessKeyId: '111122223333', region: 'eu-west-1' });
    expect(ARN).toMatch(/^arn:aws:secretsmanager:eu-west-1:111122223333:secret:elsewhere-/);
    await expect(strongroom.call('secretsmanager', 'DescribeSecret', { SecretId: 'elsewhere' })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('the pipeline steps', () => {
  it('hands handlers a full request context and records the resources they resolve', async () => {
    const seen: unknown[] = [];
    const service: AwsService = {
      name: 'kms',
      model: loadModel('kms'),
      context: (ctx) => ctx,
      operations: {
        DescribeKey: (ctx) => {
          noteResource(ctx, { type: 'AWS::KMS::Key', arn: 'arn:aws:kms:eu-west-1:111122223333:key/k', accountId: '111122223333' });
          seen.push(ctx);
          return { KeyMetadata: { KeyId: 'k' } };
        },
      },
    };
    const dispatcher = createDispatcher({ services: [service], clock: new Clock(), logger: new Logger('silent'), defaults: { accountId: '000000000000', region: 'us-east-1' } });
    const out = await dispatcher.call('kms', 'DescribeKey', { KeyId: 'k' }, { principal: rootPrincipal('111122223333', 'AKID'), region: 'eu-west-1', invokedBy: 'secretsmanager.amazonaws.com' });
    expect(out).toEqual({ KeyMetadata: { KeyId: 'k' } });
    expect(seen[0]).toMatchObject({
      service: 'kms',
      operation: 'DescribeKey',
      principal: rootPrincipal('111122223333', 'AKID'),
      accountId: '111122223333',
      region: 'eu-west-1',
      invokedBy: 'secretsmanager.amazonaws.com',
      resources: [{ type: 'AWS::KMS::Key', arn: 'arn:aws:kms:eu-west-1:111122223333:key/k', accountId: '111122223333' }],
    });
    expect((seen[0] as { now: unknown }).now).toBeInstanceOf(Date);
    // Operations of the model without a handler answer as over HTTP.
    await expect(dispatcher.call('kms', 'ListGrants', { KeyId: 'k' }, { principal: rootPrincipal('111122223333', 'AKID'), region: 'eu-west-1' })).rejects.toMatchObject({
      name: 'NotImplementedException',
    });
  });
});

describe('calls one service makes to the other', () => {
  it('reach KMS through the pipeline, marked as made by Secrets Manager, with the caller and source of the outer call', async () => {
    const lines: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const strongroom = await createStrongroom({ port: 0, inMemory: true, logLevel: 'debug' });
    try {
      const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
      const sm = new SecretsManagerClient({ endpoint: strongroom.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
      await sm.send(new CreateSecretCommand({ Name: 'via', SecretString: 'v' }));
      lines.length = 0;
      expect((await sm.send(new GetSecretValueCommand({ SecretId: 'via' }))).SecretString).toBe('v');
      sm.destroy();
    } finally {
      await strongroom.close();
      stdout.mockRestore();
    }
    const log = lines.join('');
    expect(log).toMatch(/^Decrypt 200 [\d.]+ms account=000000000000 region=us-east-1 id=\S+ via=secretsmanager\.amazonaws\.com$/m);
    expect(log).toMatch(/^GetSecretValue 200 [\d.]+ms account=000000000000 region=us-east-1 id=\S+$/m);
  });
});

describe('seed files', () => {
  it('are validated by the model like any request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strongroom-seed-dispatch-'));
    try {
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, `secretsmanager:\n  secrets:\n    - name: app/db\n      description: ${'d'.repeat(2049)}\n      secretString: s\n`);
      const error = await awsError(() => createStrongroom({ port: 0, inMemory: true, logLevel: 'silent', seeds: [file] }));
      expect(error.message).toBe(
        `seed ${file}: secretsmanager secret app/db: ValidationException: 1 validation error detected: Value '${'d'.repeat(2049)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 2048`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
