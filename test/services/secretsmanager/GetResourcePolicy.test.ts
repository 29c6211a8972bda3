import { GetResourcePolicyCommand, PutResourcePolicyCommand } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, NOT_FOUND } from './helpers';

const server = useServer({ reset: 'each' });

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });

describe('GetResourcePolicy', () => {
  it('answers ARN and Name, and ResourcePolicy as a JSON string once one is set', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    const none = await server.raw('secretsmanager.GetResourcePolicy', JSON.stringify({ SecretId: 's' }));
    expect(none.json).toEqual({ ARN, Name: 's' });
    await server.sm().send(new PutResourcePolicyCommand({ SecretId: 's', ResourcePolicy: POLICY }));
    const res = await server.sm().send(new GetResourcePolicyCommand({ SecretId: 's' }));
    expect(res).toMatchObject({ ARN, Name: 's', ResourcePolicy: POLICY });
  });

  it('answers AWS errors', async () => {
    expect(await awsError(() => server.sm().send(new GetResourcePolicyCommand({ SecretId: 'nope' })))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => server.sm().send(new GetResourcePolicyCommand({ SecretId: name })))).toEqual(INVALID_NAME);
  });
});
