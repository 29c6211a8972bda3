import {
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type UpdateSecretVersionStageCommandInput,
} from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND, stagesOf, token } from './helpers';

const server = useServer({ reset: 'each' });

const move = (input: UpdateSecretVersionStageCommandInput) => server.sm().send(new UpdateSecretVersionStageCommand(input));
const put = async (value: string, stages?: string[]) => {
  const t = token();
  await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: value, ClientRequestToken: t, VersionStages: stages }));
  return t;
};

describe('UpdateSecretVersionStage', () => {
  it('moves AWSCURRENT onto a pending version, which keeps AWSPENDING, and hands AWSPREVIOUS over (recorded cycle)', async () => {
    const v1 = token();
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'S1', ClientRequestToken: v1 });
    const v2 = await put('S2', ['AWSPENDING']);
    const res = await move({ SecretId: 's', VersionStage: 'AWSCURRENT', MoveToVersionId: v2, RemoveFromVersionId: v1 });
    expect({ ARN: res.ARN, Name: res.Name }).toEqual({ ARN, Name: 's' });
    expect(await stagesOf(server.sm(), 's')).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT', 'AWSPENDING'] });
    const v3 = await put('S3', ['AWSPENDING']);
    expect(await stagesOf(server.sm(), 's')).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'], [v3]: ['AWSPENDING'] });
    await move({ SecretId: 's', VersionStage: 'AWSCURRENT', MoveToVersionId: v3, RemoveFromVersionId: v2 });
    expect(await stagesOf(server.sm(), 's')).toEqual({ [v2]: ['AWSPREVIOUS'], [v3]: ['AWSCURRENT', 'AWSPENDING'] });
    expect((await server.sm().send(new GetSecretValueCommand({ SecretId: 's' }))).SecretString).toBe('S3');
  });

  it('keeps custom labels where they are when AWSCURRENT moves (recorded custom stages)', async () => {
    const v1 = token();
    await createSecret(server.sm(), { Name: 's', SecretString: 'S0', ClientRequestToken: v1 });
    const v2 = await put('S1', ['AWSCURRENT', 'PUT0']);
    const v3 = await put('S2', ['AWSPENDING', 'PUT1']);
    await move({ SecretId: 's', VersionStage: 'AWSCURRENT', MoveToVersionId: v3, RemoveFromVersionId: v2 });
    expect(await stagesOf(server.sm(), 's')).toEqual({ [v2]: ['AWSPREVIOUS', 'PUT0'], [v3]: ['AWSCURRENT', 'AWSPENDING', 'PUT1'] });
    const v4 = await put('S3', ['AWSPENDING', 'PUT2']);
    await move({ SecretId: 's', VersionStage: 'AWSCURRENT', MoveToVersionId: v4, RemoveFromVersionId: v3 });
    expect(await stagesOf(server.sm(), 's', true)).toEqual({
      [v1]: [],
      [v2]: ['PUT0'],
      [v3]: ['AWSPREVIOUS', 'PUT1'],
      [v4]: ['AWSCURRENT', 'AWSPENDING', 'PUT2'],
    });
  });

  it('removes a custom label without touching AWSCURRENT or AWSPREVIOUS', async () => {
    const v1 = token();
    await createSecret(server.sm(), { Name: 's', SecretString: 'SS', ClientRequestToken: v1 });
    const v2 = await put('S1', ['PENDING']);
    await move({ SecretId: 's', VersionStage: 'AWSCURRENT', MoveToVersionId: v2, RemoveFromVersionId: v1 });
    await move({ SecretId: 's', VersionStage: 'PENDING', RemoveFromVersionId: v2 });
    expect(await stagesOf(server.sm(), 's')).toEqual({ [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] });
  });

  it('moves a custom label to another version', async () => {
    const v1 = token();
    await createSecret(server.sm(), { Name: 's', SecretString: 'one', ClientRequestToken: v1 });
    const v2 = await put('two', ['blue']);
    await move({ SecretId: 's', VersionStage: 'blue', MoveToVersionId: v1, RemoveFromVersionId: v2 });
    expect(await stagesOf(server.sm(), 's', true)).toEqual({ [v1]: ['AWSCURRENT', 'blue'], [v2]: [] });
  });

  it('attaches AWSCURRENT with no RemoveFromVersionId when no version has it yet', async () => {
    await createSecret(server.sm(), { Name: 'empty' });
    const t = token();
    await server.sm().send(new PutSecretValueCommand({ SecretId: 'empty', SecretString: 'x', ClientRequestToken: t, VersionStages: ['AWSPENDING'] }));
    await move({ SecretId: 'empty', VersionStage: 'AWSPENDING', RemoveFromVersionId: t });
    await move({ SecretId: 'empty', VersionStage: 'AWSPENDING', MoveToVersionId: t });
    expect(await stagesOf(server.sm(), 'empty')).toEqual({ [t]: ['AWSCURRENT', 'AWSPENDING'] });
  });

  it('answers AWS errors', async () => {
    const v1 = token();
    await createSecret(server.sm(), { Name: 's', SecretString: 'one', ClientRequestToken: v1 });
    const v2 = await put('two', ['AWSPENDING']);
    expect(await awsError(() => move({ SecretId: 's', VersionStage: 'AWSCURRENT', MoveToVersionId: v2 }))).toEqual({
      name: 'InvalidParameterException',
      message: `The parameter RemoveFromVersionId can't be empty. Staging label AWSCURRENT is currently attached to version ${v1}, so you must explicitly reference that version in RemoveFromVersionId.`,
      status: 400,
    });
    const ghost = token();
    expect(await awsError(() => move({ SecretId: 's', VersionStage: 'AWSCURRENT', MoveToVersionId: ghost, RemoveFromVersionId: v1 }))).toEqual({
      name: 'InvalidParameterException',
      message: `Not a valid version: ${ghost}`,
      status: 400,
    });
    expect(await awsError(() => move({ SecretId: 's', VersionStage: 'AWSCURRENT', MoveToVersionId: v1, RemoveFromVersionId: v2 }))).toEqual({
      name: 'InvalidParameterException',
      message: `Version stage AWSCURRENT not found in version ${v2}`,
      status: 400,
    });
    expect(await awsError(() => move({ SecretId: 's', VersionStage: 'AWSCURRENT', RemoveFromVersionId: v1 }))).toEqual({
      name: 'InvalidParameterException',
      message: "You can only move staging label AWSCURRENT to a different secret version. It can't be completely removed.",
      status: 400,
    });
    expect(await stagesOf(server.sm(), 's')).toEqual({ [v1]: ['AWSCURRENT'], [v2]: ['AWSPENDING'] });
    expect(await awsError(() => move({ SecretId: 'nope', VersionStage: 'X', MoveToVersionId: v1 }))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => move({ SecretId: name, VersionStage: 'X', MoveToVersionId: v1 }))).toEqual(INVALID_NAME);
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    expect(await awsError(() => move({ SecretId: 's', VersionStage: 'AWSPENDING', RemoveFromVersionId: v2 }))).toEqual(MARKED_FOR_DELETION);
  });
});
