import { DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, RestoreSecretCommand } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, NOT_FOUND } from './helpers';

const server = useServer({ reset: 'each' });

const restore = (id: string) => server.sm().send(new RestoreSecretCommand({ SecretId: id }));

describe('RestoreSecret', () => {
  it('cancels a scheduled deletion: ARN and Name back, DeletedDate gone, value readable', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    const res = await restore('s');
    expect({ ARN: res.ARN, Name: res.Name }).toEqual({ ARN, Name: 's' });
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: 's' }))).DeletedDate).toBeUndefined();
    expect((await server.sm().send(new GetSecretValueCommand({ SecretId: 's' }))).SecretString).toBe('v');
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
  });

  it('leaves a secret that is not deleted as it is', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect((await restore('s')).ARN).toBe(ARN);
  });

  it('answers AWS errors', async () => {
    expect(await awsError(() => restore('nope'))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => restore(name))).toEqual(INVALID_NAME);
  });
});
