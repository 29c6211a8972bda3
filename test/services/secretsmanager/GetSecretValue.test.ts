import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  type GetSecretValueCommandInput,
} from '@aws-sdk/client-secrets-manager';
import { CancelKeyDeletionCommand, CreateKeyCommand, DisableKeyCommand, EnableKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND, today, token } from './helpers';

const server = useServer({ reset: 'each' });

const get = (input: GetSecretValueCommandInput) => server.sm().send(new GetSecretValueCommand(input));

describe('GetSecretValue', () => {
  it('answers ARN, Name, VersionId, the value, VersionStages and the version CreatedDate', async () => {
    const t = token();
    const created = await createSecret(server.sm(), { Name: 'app/db', SecretString: '{"user":"app"}', ClientRequestToken: t });
    const res = await get({ SecretId: 'app/db' });
    expect(res).toMatchObject({ ARN: created.ARN, Name: 'app/db', VersionId: t, SecretString: '{"user":"app"}', VersionStages: ['AWSCURRENT'] });
    expect(res.SecretBinary).toBeUndefined();
    expect(Math.abs(res.CreatedDate!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('finds a secret by name, full ARN and partial ARN', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 'app/db', SecretString: 'v' });
    for (const id of ['app/db', ARN!, ARN!.slice(0, -7)]) expect((await get({ SecretId: id })).SecretString).toBe('v');
  });

  it('takes a partial ARN whose name ends in -XXXXXX for a full ARN, and matches no foreign suffix', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 'Invalid/_+=.@-Name-a1b2c3', SecretString: 'v' });
    expect((await get({ SecretId: ARN! })).SecretString).toBe('v');
    expect(await awsError(() => get({ SecretId: ARN!.slice(0, -7) }))).toEqual(NOT_FOUND);
    const other = await createSecret(server.sm(), { Name: 'plain', SecretString: 'v' });
    const foreign = other.ARN!.slice(0, -6) + (other.ARN!.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    expect(await awsError(() => get({ SecretId: foreign }))).toEqual(NOT_FOUND);
    expect(await awsError(() => get({ SecretId: other.ARN!.replace('us-east-1', 'eu-west-1') }))).toEqual(NOT_FOUND);
  });

  it('returns binary values byte for byte, base64 on the wire', async () => {
    const bytes = Buffer.from([0x00, 0x01, 0x02, 0xff]);
    await createSecret(server.sm(), { Name: 'bin', SecretBinary: bytes });
    const res = await get({ SecretId: 'bin' });
    expect(Buffer.from(res.SecretBinary!)).toEqual(bytes);
    expect(res.SecretString).toBeUndefined();
    await createSecret(server.sm(), { Name: 'footest', SecretBinary: Buffer.from('footest') });
    const raw = await server.raw('secretsmanager.GetSecretValue', JSON.stringify({ SecretId: 'footest' }));
    expect(raw.json.SecretBinary).toBe('Zm9vdGVzdA==');
    // Read again (from the value kept in memory): the same bytes, and a new version's after a put.
    expect(Buffer.from((await get({ SecretId: 'bin' })).SecretBinary!)).toEqual(bytes);
    await server.sm().send(new PutSecretValueCommand({ SecretId: 'bin', SecretBinary: Buffer.from([7]) }));
    expect(Buffer.from((await get({ SecretId: 'bin' })).SecretBinary!)).toEqual(Buffer.from([7]));
  });

  it('reads by VersionId and by VersionStage', async () => {
    const v1 = token();
    const v2 = token();
    await createSecret(server.sm(), { Name: 's', SecretString: 'one', ClientRequestToken: v1 });
    await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'two', ClientRequestToken: v2 }));
    expect(await get({ SecretId: 's', VersionId: v1 })).toMatchObject({ SecretString: 'one', VersionStages: ['AWSPREVIOUS'] });
    expect(await get({ SecretId: 's', VersionStage: 'AWSPREVIOUS' })).toMatchObject({ SecretString: 'one', VersionId: v1 });
    expect(await get({ SecretId: 's', VersionId: v2, VersionStage: 'AWSCURRENT' })).toMatchObject({ SecretString: 'two' });
  });

  it('answers AWS errors for missing versions and stages', async () => {
    const v1 = token();
    await createSecret(server.sm(), { Name: 's', SecretString: 'one', ClientRequestToken: v1 });
    const missing = token();
    expect(await awsError(() => get({ SecretId: 's', VersionId: missing }))).toEqual({
      name: 'ResourceNotFoundException',
      message: `Secrets Manager can't find the specified secret value for VersionId: ${missing}`,
      status: 400,
    });
    for (const stage of ['AWSPREVIOUS', 'AWSPENDING']) {
      expect(await awsError(() => get({ SecretId: 's', VersionStage: stage }))).toEqual({
        name: 'ResourceNotFoundException',
        message: `Secrets Manager can't find the specified secret value for staging label: ${stage}`,
        status: 400,
      });
    }
    expect(await awsError(() => get({ SecretId: 's', VersionId: v1, VersionStage: 'AWSPREVIOUS' }))).toEqual({
      name: 'InvalidRequestException',
      message: 'You provided a VersionStage that is not associated to the provided VersionId.',
      status: 400,
    });
  });

  it('records LastAccessedDate at day precision on the secret and the version read', async () => {
    const v1 = token();
    await createSecret(server.sm(), { Name: 's', SecretString: 'one', ClientRequestToken: v1 });
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: 's' }))).LastAccessedDate).toBeUndefined();
    await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'two' }));
    await get({ SecretId: 's', VersionId: v1 });
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: 's' }))).LastAccessedDate).toEqual(today());
    const versions = (await server.sm().send(new ListSecretVersionIdsCommand({ SecretId: 's' }))).Versions!;
    expect(versions.find((v) => v.VersionId === v1)!.LastAccessedDate).toEqual(today());
    expect(versions.find((v) => v.VersionId !== v1)!.LastAccessedDate).toBeUndefined();
  });

  it('refuses a secret marked for deletion, a missing secret and bad names', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'one' });
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    expect(await awsError(() => get({ SecretId: 's' }))).toEqual(MARKED_FOR_DELETION);
    expect(await awsError(() => get({ SecretId: 'nope' }))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => get({ SecretId: name }))).toEqual(INVALID_NAME);
  });
});

describe('GetSecretValue with a customer key that cannot be used', () => {
  it('fails with DecryptionFailure carrying the KMS error, and reads again once the key is back', async () => {
    const key = (await server.kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    await createSecret(server.sm(), { Name: 's', SecretString: 'v', KmsKeyId: key.KeyId });
    // Read (twice: the second is served from values kept in memory): KMS still decides every read.
    for (let i = 0; i < 2; i++) expect((await get({ SecretId: 's' })).SecretString).toBe('v');
    const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const decryptionFailure = async (kmsError: string, text: string) => {
      const err = await awsError(() => get({ SecretId: 's' }));
      expect(err.name).toBe('DecryptionFailure');
      const detail = `\\(Service: AWSKMS; Status Code: 400; Error Code: ${kmsError}; Request ID: [0-9a-f-]{36}; Proxy: null\\)`;
      expect(err.message).toMatch(new RegExp(`^Secrets Manager can't decrypt the secret value: ${escaped(text)} ${detail}$`));
    };
    await server.kms().send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await decryptionFailure('DisabledException', `${key.Arn} is disabled.`);
    await server.kms().send(new EnableKeyCommand({ KeyId: key.KeyId }));
    expect((await get({ SecretId: 's' })).SecretString).toBe('v');
    await server.kms().send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    await decryptionFailure('KMSInvalidStateException', `${key.Arn} is pending deletion.`);
    await server.kms().send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
  });
});
