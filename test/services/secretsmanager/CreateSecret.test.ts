import { CreateAliasCommand, CreateKeyCommand } from '@aws-sdk/client-kms';
import { DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, type CreateSecretCommandInput } from '@aws-sdk/client-secrets-manager';
import { ACCOUNT, awsError, REGION, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, token, TOKEN_REQUIRED } from './helpers';

const server = useServer({ reset: 'each' });

const ARN = new RegExp(`^arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:app/db-[A-Za-z0-9]{6}$`);

describe('CreateSecret', () => {
  it('answers ARN, Name and the token as VersionId', async () => {
    const t = token();
    const res = await createSecret(server.sm(), { Name: 'app/db', SecretString: 's3cret', ClientRequestToken: t });
    expect(res.ARN).toMatch(ARN);
    expect(res.Name).toBe('app/db');
    expect(res.VersionId).toBe(t);
    expect(res.ReplicationStatus).toBeUndefined();
    const value = await server.sm().send(new GetSecretValueCommand({ SecretId: 'app/db' }));
    expect(value).toMatchObject({ ARN: res.ARN, SecretString: 's3cret', VersionId: t, VersionStages: ['AWSCURRENT'] });
  });

  it('creates a secret without a value: no VersionId, no versions, no AWSCURRENT to read', async () => {
    const res = await createSecret(server.sm(), { Name: 'app/db' });
    expect(res.VersionId).toBeUndefined();
    const described = await server.sm().send(new DescribeSecretCommand({ SecretId: 'app/db' }));
    expect(described.VersionIdsToStages).toBeUndefined();
    expect(await awsError(() => server.sm().send(new GetSecretValueCommand({ SecretId: 'app/db' })))).toEqual({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
      status: 400,
    });
  });

  it('keeps the ARN stable and gives a re-created secret a new one', async () => {
    const first = await createSecret(server.sm(), { Name: 'app/db', SecretString: 'a' });
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: 'app/db' }))).ARN).toBe(first.ARN);
    await server.sm().send(new DeleteSecretCommand({ SecretId: 'app/db', ForceDeleteWithoutRecovery: true }));
    const second = await createSecret(server.sm(), { Name: 'app/db', SecretString: 'b' });
    expect(second.ARN).toMatch(ARN);
    expect(second.ARN).not.toBe(first.ARN);
  });

  it('draws the 6-character ARN suffix from letters and digits', async () => {
    const suffixes = await Promise.all(Array.from({ length: 30 }, (_, i) => createSecret(server.sm(), { Name: `s${i}` }).then((r) => r.ARN!.slice(-6))));
    const all = suffixes.join('');
    expect(all).toMatch(/^[A-Za-z0-9]+$/);
    expect(all).toMatch(/[A-Z]/);
    expect(all).toMatch(/[a-z]/);
    expect(all).toMatch(/[0-9]/);
  });

  it('is idempotent for the same token and value, and refuses the token with another value', async () => {
    const t = token();
    const first = await createSecret(server.sm(), { Name: 'app/db', SecretString: 'v1', ClientRequestToken: t });
    const again = await createSecret(server.sm(), { Name: 'app/db', SecretString: 'v1', ClientRequestToken: t });
    expect({ ARN: again.ARN, Name: again.Name, VersionId: again.VersionId }).toEqual({ ARN: first.ARN, Name: first.Name, VersionId: first.VersionId });
    expect(await awsError(() => createSecret(server.sm(), { Name: 'app/db', SecretString: 'v2', ClientRequestToken: t }))).toEqual({
      name: 'ResourceExistsException',
      message: `You can't use ClientRequestToken ${t} because that value is already in use for a version of secret ${first.ARN}.`,
      status: 400,
    });
  });

  it('refuses a name that exists', async () => {
    await createSecret(server.sm(), { Name: 'app/db', SecretString: 'v1' });
    expect(await awsError(() => createSecret(server.sm(), { Name: 'app/db', SecretString: 'v1' }))).toEqual({
      name: 'ResourceExistsException',
      message: 'The operation failed because the secret app/db already exists.',
      status: 400,
    });
  });

  it('refuses a name scheduled for deletion', async () => {
    await createSecret(server.sm(), { Name: 'app/db', SecretString: 'v1' });
    await server.sm().send(new DeleteSecretCommand({ SecretId: 'app/db' }));
    expect(await awsError(() => createSecret(server.sm(), { Name: 'app/db', SecretString: 'v1' }))).toEqual({
      name: 'InvalidRequestException',
      message: "You can't create this secret because a secret with this name is already scheduled for deletion.",
      status: 400,
    });
  });

  it('applies the name rule', async () => {
    for (const name of BAD_NAMES) expect(await awsError(() => createSecret(server.sm(), { Name: name }))).toEqual(INVALID_NAME);
    expect(await awsError(() => createSecret(server.sm(), { Name: 'x'.repeat(513) }))).toEqual({
      name: 'ValidationException',
      message: `1 validation error detected: Value '${'x'.repeat(513)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 512`,
      status: 400,
    });
  });

  it('requires a ClientRequestToken from raw callers (SDKs fill it in)', async () => {
    const res = await server.raw('secretsmanager.CreateSecret', JSON.stringify({ Name: 'raw', SecretString: 'v' }));
    expect(res.status).toBe(400);
    expect(res.json).toEqual(TOKEN_REQUIRED);
  });

  it('refuses both SecretString and SecretBinary', async () => {
    expect(await awsError(() => createSecret(server.sm(), { Name: 'both', SecretString: 'a', SecretBinary: Buffer.from('b') }))).toEqual({
      name: 'InvalidParameterException',
      message: "You can't specify both a binary secret value and a string secret value in the same secret.",
      status: 400,
    });
  });

  it('stores description, tags and type; an empty description is not shown', async () => {
    await createSecret(server.sm(), { Name: 'a', Description: 'db password', Tags: [{ Key: 'env', Value: 'dev' }], Type: 'custom' });
    await createSecret(server.sm(), { Name: 'b', Description: '' });
    expect(await server.sm().send(new DescribeSecretCommand({ SecretId: 'a' }))).toMatchObject({ Description: 'db password', Tags: [{ Key: 'env', Value: 'dev' }], Type: 'custom' });
    const b = await server.sm().send(new DescribeSecretCommand({ SecretId: 'b' }));
    expect(b.Description).toBeUndefined();
    expect(b.Tags).toBeUndefined();
  });

  it('encrypts under a customer key given by id, ARN or alias and shows it as given', async () => {
    const key = (await server.kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    await server.kms().send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: key.KeyId }));
    await createSecret(server.sm(), { Name: 'by-id', SecretString: 'v', KmsKeyId: key.KeyId });
    await createSecret(server.sm(), { Name: 'by-arn', SecretString: 'v', KmsKeyId: key.Arn });
    await createSecret(server.sm(), { Name: 'by-alias', SecretString: 'v', KmsKeyId: 'alias/app' });
    for (const [name, given] of [['by-id', key.KeyId], ['by-arn', key.Arn], ['by-alias', 'alias/app']]) {
      expect((await server.sm().send(new DescribeSecretCommand({ SecretId: name }))).KmsKeyId).toBe(given);
      expect((await server.sm().send(new GetSecretValueCommand({ SecretId: name }))).SecretString).toBe('v');
    }
  });

  it('refuses an asymmetric KMS key and a key that does not exist', async () => {
    const rsa = (await server.kms().send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }))).KeyMetadata!;
    const asymmetric = await awsError(() => createSecret(server.sm(), { Name: 'rsa', SecretString: 'v', KmsKeyId: rsa.Arn }));
    expect(asymmetric.name).toBe('EncryptionFailure');
    expect(asymmetric.message).toMatch(
      /^Secrets Manager can't encrypt the secret value: You cannot generate a data key with an asymmetric CMK \(Service: AWSKMS; Status Code: 400; Error Code: InvalidKeyUsageException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
    const missing = '11111111-2222-3333-4444-555555555555';
    expect(await awsError(() => createSecret(server.sm(), { Name: 'missing', SecretString: 'v', KmsKeyId: missing }))).toEqual({
      name: 'InvalidParameterException',
      message: `The operation failed because of an invalid KMS key: Key 'arn:aws:kms:${REGION}:${ACCOUNT}:key/${missing}' does not exist`,
      status: 400,
    });
    expect(await awsError(() => server.sm().send(new DescribeSecretCommand({ SecretId: 'rsa' })))).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('applies the tag rules: at most 50, no aws: prefix, no key twice; nothing is created', async () => {
    const tags = (count: number) => Array.from({ length: count }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
    const cases: [CreateSecretCommandInput['Tags'], string][] = [
      [tags(51), "You can't attach more than 50 tags to a secret."],
      [[{ Key: 'env', Value: 'dev' }, { Key: 'aws:createdBy', Value: 'me' }], "You can't modify system tags. Tag key: 'aws:createdBy'."],
      [[{ Key: 'AWS:x', Value: 'y' }], "You can't modify system tags. Tag key: 'AWS:x'."],
      [[{ Key: 'env', Value: 'dev' }, { Key: 'env', Value: 'prod' }], "You can't use the same tag key more than once in a request. Tag key: 'env'."],
    ];
    for (const [given, message] of cases) {
      expect(await awsError(() => createSecret(server.sm(), { Name: 'tagged', SecretString: 'v', Tags: given }))).toEqual({ name: 'InvalidParameterException', message, status: 400 });
    }
    expect(await awsError(() => server.sm().send(new DescribeSecretCommand({ SecretId: 'tagged' })))).toMatchObject({ name: 'ResourceNotFoundException' });
    await createSecret(server.sm(), { Name: 'tagged', SecretString: 'v', Tags: tags(50) });
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: 'tagged' }))).Tags).toEqual(tags(50));
  });
});
