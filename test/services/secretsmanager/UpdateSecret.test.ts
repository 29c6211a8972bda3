import { CreateKeyCommand } from '@aws-sdk/client-kms';
import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  UpdateSecretCommand,
  type UpdateSecretCommandInput,
} from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND, stagesOf, token, TOKEN_REQUIRED } from './helpers';

const server = useServer({ reset: 'each' });

const update = (input: UpdateSecretCommandInput) => server.sm().send(new UpdateSecretCommand(input));
const describe_ = (id: string) => server.sm().send(new DescribeSecretCommand({ SecretId: id }));

describe('UpdateSecret', () => {
  it('answers a VersionId only when the update makes a new version', async () => {
    const v1 = token();
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'one', ClientRequestToken: v1 });
    const described = await update({ SecretId: 's', Description: 'MyDescription' });
    expect(described.ARN).toBe(ARN);
    expect(described.VersionId).toBeUndefined();
    expect((await describe_('s')).Description).toBe('MyDescription');
    const v2 = token();
    expect(await update({ SecretId: 's', SecretString: 'two', Description: 'MyNewDescription', ClientRequestToken: v2 })).toMatchObject({ ARN, Name: 's', VersionId: v2 });
    expect(await describe_('s')).toMatchObject({ Description: 'MyNewDescription', VersionIdsToStages: { [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] } });
    expect((await update({ SecretId: 's' })).VersionId).toBeUndefined();
  });

  it('round-trips binary values and moves LastChangedDate', async () => {
    await createSecret(server.sm(), { Name: 's', SecretBinary: Buffer.from('initial') });
    const before = (await describe_('s')).LastChangedDate!;
    await new Promise((r) => setTimeout(r, 5));
    await update({ SecretId: 's', SecretBinary: Buffer.from([0xfe, 0xfd]) });
    expect(Buffer.from((await server.sm().send(new GetSecretValueCommand({ SecretId: 's' }))).SecretBinary!)).toEqual(Buffer.from([0xfe, 0xfd]));
    expect((await describe_('s')).LastChangedDate!.getTime()).toBeGreaterThan(before.getTime());
  });

  it('is idempotent for a token and its value, and refuses the token with another value', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'one' });
    const t = token();
    await update({ SecretId: 's', SecretString: 'two', ClientRequestToken: t });
    expect((await update({ SecretId: 's', SecretString: 'two', ClientRequestToken: t })).VersionId).toBe(t);
    expect(Object.keys(await stagesOf(server.sm(), 's', true))).toHaveLength(2);
    expect(await awsError(() => update({ SecretId: 's', SecretString: 'three', ClientRequestToken: t }))).toEqual({
      name: 'ResourceExistsException',
      message: `You can't use ClientRequestToken ${t} because that value is already in use for a version of secret ${ARN}.`,
      status: 400,
    });
  });

  it('moves the secret to a new KMS key, encrypting its labelled versions again', async () => {
    const key = (await server.kms().send(new CreateKeyCommand({}))).KeyMetadata!;
    await createSecret(server.sm(), { Name: 's', SecretString: 'one' });
    await update({ SecretId: 's', SecretString: 'two' });
    expect((await update({ SecretId: 's', KmsKeyId: key.Arn })).VersionId).toBeUndefined();
    expect((await describe_('s')).KmsKeyId).toBe(key.Arn);
    const versions = (await server.sm().send(new ListSecretVersionIdsCommand({ SecretId: 's' }))).Versions!;
    expect(versions.map((v) => v.KmsKeyIds)).toEqual([[key.Arn], [key.Arn]]);
    expect((await server.sm().send(new GetSecretValueCommand({ SecretId: 's', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('one');
  });

  it('answers AWS errors', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await awsError(() => update({ SecretId: 's', SecretString: 'a', SecretBinary: Buffer.from('b') }))).toEqual({
      name: 'InvalidParameterException',
      message: "You can't specify both a binary secret value and a string secret value in the same secret.",
      status: 400,
    });
    expect(await awsError(() => update({ SecretId: 'nope', Description: 'x' }))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => update({ SecretId: name, Description: 'x' }))).toEqual(INVALID_NAME);
    const raw = await server.raw('secretsmanager.UpdateSecret', JSON.stringify({ SecretId: 's', SecretString: 'v' }));
    expect(raw.json).toEqual(TOKEN_REQUIRED);
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    expect(await awsError(() => update({ SecretId: 's', Description: 'x' }))).toEqual(MARKED_FOR_DELETION);
  });
});
