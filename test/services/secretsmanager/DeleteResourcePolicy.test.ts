import { DeleteResourcePolicyCommand, DeleteSecretCommand, GetResourcePolicyCommand, PutResourcePolicyCommand } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND } from './helpers';

const server = useServer({ reset: 'each' });

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'secretsmanager:*', Resource: '*' }] });
const remove = (id: string) => server.sm().send(new DeleteResourcePolicyCommand({ SecretId: id }));

describe('DeleteResourcePolicy', () => {
  it('removes the policy and answers ARN and Name, also when there was none', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    await server.sm().send(new PutResourcePolicyCommand({ SecretId: 's', ResourcePolicy: POLICY }));
    expect(await remove('s')).toMatchObject({ ARN, Name: 's' });
    expect((await server.sm().send(new GetResourcePolicyCommand({ SecretId: 's' }))).ResourcePolicy).toBeUndefined();
    expect((await remove('s')).ARN).toBe(ARN);
  });

  it('answers AWS errors', async () => {
    expect(await awsError(() => remove('nope'))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => remove(name))).toEqual(INVALID_NAME);
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    expect(await awsError(() => remove('s'))).toEqual(MARKED_FOR_DELETION);
  });
});
