import { CreateKeyCommand, DisableKeyCommand } from '@aws-sdk/client-kms';
import { DeleteSecretCommand, GetSecretValueCommand, PutSecretValueCommand, type PutSecretValueCommandInput } from '@aws-sdk/client-secrets-manager';
import { advanceClock, awsError, resetClock, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND, stagesOf, token, TOKEN_REQUIRED } from './helpers';

const server = useServer({ reset: 'each' });

const put = (input: PutSecretValueCommandInput) => server.sm().send(new PutSecretValueCommand(input));

describe('PutSecretValue', () => {
  it('makes the new version AWSCURRENT and the old one AWSPREVIOUS', async () => {
    const v1 = token();
    const v2 = token();
    const v3 = token();
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'one', ClientRequestToken: v1 });
    expect(await put({ SecretId: 's', SecretString: 'two', ClientRequestToken: v2 })).toMatchObject({ ARN, Name: 's', VersionId: v2, VersionStages: ['AWSCURRENT'] });
    expect(await stagesOf(server.sm(), 's')).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] });
    await put({ SecretId: 's', SecretString: 'three', ClientRequestToken: v3 });
    expect(await stagesOf(server.sm(), 's')).toEqual({ [v2]: ['AWSPREVIOUS'], [v3]: ['AWSCURRENT'] });
    expect(await stagesOf(server.sm(), 's', true)).toEqual({ [v1]: [], [v2]: ['AWSPREVIOUS'], [v3]: ['AWSCURRENT'] });
    expect((await server.sm().send(new GetSecretValueCommand({ SecretId: 's' }))).SecretString).toBe('three');
  });

  it('gives the first version of an empty secret AWSCURRENT', async () => {
    await createSecret(server.sm(), { Name: 's' });
    const v = token();
    expect((await put({ SecretId: 's', SecretString: 'x', ClientRequestToken: v })).VersionStages).toEqual(['AWSCURRENT']);
    const pending = token();
    await createSecret(server.sm(), { Name: 'p' });
    expect((await put({ SecretId: 'p', SecretString: 'x', ClientRequestToken: pending, VersionStages: ['AWSPENDING'] })).VersionStages!.sort()).toEqual(['AWSCURRENT', 'AWSPENDING']);
  });

  it('leaves AWSCURRENT alone when only custom labels are given, and moves labels one by one', async () => {
    const v1 = token();
    await createSecret(server.sm(), { Name: 's', SecretString: 'v0', ClientRequestToken: v1 });
    const v2 = token();
    expect((await put({ SecretId: 's', SecretString: 'v1', ClientRequestToken: v2, VersionStages: ['one', 'three', 'two'] })).VersionStages).toEqual(['one', 'three', 'two']);
    expect((await server.sm().send(new GetSecretValueCommand({ SecretId: 's' }))).SecretString).toBe('v0');
    const v3 = token();
    await put({ SecretId: 's', SecretString: 'v2', ClientRequestToken: v3, VersionStages: ['four', 'one', 'two'] });
    expect(await stagesOf(server.sm(), 's')).toEqual({ [v1]: ['AWSCURRENT'], [v2]: ['three'], [v3]: ['four', 'one', 'two'] });
    const v4 = token();
    await put({ SecretId: 's', SecretString: 'v3', ClientRequestToken: v4, VersionStages: ['four', 'one', 'three', 'two'] });
    expect(await stagesOf(server.sm(), 's')).toEqual({ [v1]: ['AWSCURRENT'], [v4]: ['four', 'one', 'three', 'two'] });
  });

  it('moves AWSPREVIOUS only when AWSCURRENT moves', async () => {
    const v1 = token();
    await createSecret(server.sm(), { Name: 's', SecretString: 'S0', ClientRequestToken: v1 });
    const v2 = token();
    await put({ SecretId: 's', SecretString: 'S1', ClientRequestToken: v2, VersionStages: ['AWSCURRENT', 'PUT0'] });
    const v3 = token();
    await put({ SecretId: 's', SecretString: 'S2', ClientRequestToken: v3, VersionStages: ['AWSPENDING', 'PUT1'] });
    expect(await stagesOf(server.sm(), 's')).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT', 'PUT0'], [v3]: ['AWSPENDING', 'PUT1'] });
  });

  it('is idempotent for a token and its value, and refuses the token with another value', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'one' });
    const t = token();
    const first = await put({ SecretId: 's', SecretString: 'two', ClientRequestToken: t });
    const again = await put({ SecretId: 's', SecretString: 'two', ClientRequestToken: t });
    expect({ ...again, $metadata: undefined }).toEqual({ ...first, $metadata: undefined });
    expect(Object.keys(await stagesOf(server.sm(), 's', true))).toHaveLength(2);
    expect(await awsError(() => put({ SecretId: 's', SecretString: 'other', ClientRequestToken: t }))).toEqual({
      name: 'ResourceExistsException',
      message: `You can't use ClientRequestToken ${t} because that value is already in use for a version of secret ${ARN}.`,
      status: 400,
    });
    const b = token();
    await put({ SecretId: 's', SecretBinary: Buffer.from('two'), ClientRequestToken: b });
    expect(await awsError(() => put({ SecretId: 's', SecretString: 'two', ClientRequestToken: b }))).toMatchObject({ name: 'ResourceExistsException' });
  });

  it('keeps at most 100 deprecated versions, never dropping one younger than a day', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    const made: string[] = [];
    for (let i = 0; i < 103; i++) made.push((await put({ SecretId: 's', SecretString: `v${i}`, ClientRequestToken: token() })).VersionId!);
    expect(Object.keys(await stagesOf(server.sm(), 's', true))).toHaveLength(104);
    try {
      await advanceClock(server, 25 * 3600);
      const last = (await put({ SecretId: 's', SecretString: 'last', ClientRequestToken: token() })).VersionId!;
      const kept = await stagesOf(server.sm(), 's', true);
      // 105 versions: 2 labelled, 103 deprecated → the 3 oldest go: the first version and made[0..1].
      expect(Object.keys(kept)).toHaveLength(102);
      expect(Object.keys(kept).sort()).toEqual([...made.slice(2), last].sort());
    } finally {
      await resetClock(server);
    }
  });

  it('fails with EncryptionFailure carrying the KMS error when the secret\'s key is disabled, storing nothing', async () => {
    const key = (await server.kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    await createSecret(server.sm(), { Name: 's', SecretString: 'v', KmsKeyId: key.Arn });
    await server.kms().send(new DisableKeyCommand({ KeyId: key.KeyId }));
    const err = await awsError(() => put({ SecretId: 's', SecretString: 'w' }));
    expect(err.name).toBe('EncryptionFailure');
    expect(err.message).toMatch(
      new RegExp(`^Secrets Manager can't encrypt the secret value: ${key.Arn!.replace(/[/]/g, '\\/')} is disabled\\. \\(Service: AWSKMS; Status Code: 400; Error Code: DisabledException; Request ID: [0-9a-f-]{36}; Proxy: null\\)$`),
    );
    expect(Object.keys(await stagesOf(server.sm(), 's', true))).toHaveLength(1);
  });

  it('answers AWS errors', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await awsError(() => put({ SecretId: 's' }))).toEqual({ name: 'InvalidRequestException', message: 'You must provide either SecretString or SecretBinary.', status: 400 });
    expect(await awsError(() => put({ SecretId: 's', SecretString: 'a', SecretBinary: Buffer.from('b') }))).toEqual({
      name: 'InvalidParameterException',
      message: "You can't specify both a binary secret value and a string secret value in the same secret.",
      status: 400,
    });
    expect(await awsError(() => put({ SecretId: 'nope', SecretString: 'a' }))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => put({ SecretId: name, SecretString: 'a' }))).toEqual(INVALID_NAME);
    const raw = await server.raw('secretsmanager.PutSecretValue', JSON.stringify({ SecretId: 's', SecretString: 'v' }));
    expect(raw.json).toEqual(TOKEN_REQUIRED);
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    expect(await awsError(() => put({ SecretId: 's', SecretString: 'a' }))).toEqual(MARKED_FOR_DELETION);
  });
});
