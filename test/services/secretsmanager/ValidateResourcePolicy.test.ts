import { ValidateResourcePolicyCommand } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, INVALID_NAME } from './helpers';

const server = useServer();

const validate = (policy: string, secretId?: string) => server.sm().send(new ValidateResourcePolicyCommand({ ResourcePolicy: policy, SecretId: secretId }));
const statement = (principal: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });

describe('ValidateResourcePolicy', () => {
  it('passes a policy limited to known principals', async () => {
    const res = await validate(statement({ AWS: 'arn:aws:iam::111122223333:role/app' }));
    expect(res.PolicyValidationPassed).toBe(true);
    expect(res.ValidationErrors).toEqual([]);
  });

  it('fails a policy granting broad access, with the check that failed', async () => {
    const res = await validate(statement('*'));
    expect(res.PolicyValidationPassed).toBe(false);
    expect(res.ValidationErrors).toEqual([{ CheckName: 'BROAD_ACCESS_CHECK', ErrorMessage: 'This resource policy grants broad access to the secret.' }]);
  });

  it('answers AWS errors', async () => {
    expect(await awsError(() => validate('not json'))).toEqual({ name: 'MalformedPolicyDocumentException', message: 'This resource policy contains a syntax error.', status: 400 });
    for (const name of BAD_NAMES) expect(await awsError(() => validate(statement('*'), name))).toEqual(INVALID_NAME);
  });
});
