import { CancelRotateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND, token } from './helpers';

const server = useServer({ reset: 'each' });

const cancel = (id: string) => server.sm().send(new CancelRotateSecretCommand({ SecretId: id }));

describe('CancelRotateSecret', () => {
  it('turns rotation off and answers ARN and Name', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    const res = await cancel('s');
    expect({ ARN: res.ARN, Name: res.Name, VersionId: res.VersionId }).toEqual({ ARN, Name: 's', VersionId: undefined });
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: 's' }))).RotationEnabled).toBe(false);
  });

  it('answers the version an unfinished rotation left with AWSPENDING', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    const pending = token();
    await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'next', ClientRequestToken: pending, VersionStages: ['AWSPENDING'] }));
    expect((await cancel('s')).VersionId).toBe(pending);
  });

  it('answers AWS errors', async () => {
    expect(await awsError(() => cancel('nope'))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => cancel(name))).toEqual(INVALID_NAME);
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    expect(await awsError(() => cancel('s'))).toEqual(MARKED_FOR_DELETION);
  });
});
