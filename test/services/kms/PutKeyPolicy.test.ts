import { GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, awsError, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, pendingDeletionKey } from './key-management';

const server = useServer();

const put = (KeyId: string, Policy: string, extra: { PolicyName?: string; BypassPolicyLockoutSafetyCheck?: boolean } = {}) =>
  server.kms().send(new PutKeyPolicyCommand({ KeyId, Policy, ...extra }));
const policyOf = async (KeyId: string) => (await server.kms().send(new GetKeyPolicyCommand({ KeyId }))).Policy;

/** The kind of policy Terraform and CDK write: wildcard principal, arrays, conditions. */
const terraformPolicy = JSON.stringify(
  {
    Version: '2012-10-17',
    Id: 'key-policy-1',
    Statement: [
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'ViaService',
        Effect: 'Allow',
        Principal: '*',
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
      },
      { Sid: 'Services', Effect: 'Allow', Principal: { Service: ['logs.amazonaws.com', 'sns.amazonaws.com'] }, Action: 'kms:GenerateDataKey', Resource: '*' },
    ],
  },
  null,
  2,
);

describe('PutKeyPolicy', () => {
  it('stores the policy verbatim and answers an empty body', async () => {
    const key = await createKey(server.kms());
    const raw = await server.raw('TrentService.PutKeyPolicy', JSON.stringify({ KeyId: key.KeyId, PolicyName: 'default', Policy: terraformPolicy }));
    expect({ status: raw.status, text: raw.text }).toEqual({ status: 200, text: '{}' });
    expect(await policyOf(key.KeyId!)).toBe(terraformPolicy);
  });

  it('accepts BypassPolicyLockoutSafetyCheck and an omitted PolicyName', async () => {
    const key = await createKey(server.kms());
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}';
    await put(key.Arn!, policy, { BypassPolicyLockoutSafetyCheck: true });
    expect(await policyOf(key.KeyId!)).toBe(policy);
  });

  it('works on a key pending deletion', async () => {
    const key = await pendingDeletionKey(server.kms());
    await put(key.KeyId!, terraformPolicy);
    expect(await policyOf(key.KeyId!)).toBe(terraformPolicy);
  });

  it('rejects text that is not a policy document', async () => {
    const key = await createKey(server.kms());
    expect(await awsError(() => put(key.KeyId!, 'not json'))).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
    expect(await awsError(() => put(key.KeyId!, '[]'))).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
    expect(await policyOf(key.KeyId!)).toContain('key-default-1');
  });

  it('rejects a statement whose principal AWS does not accept, with KMS wording', async () => {
    const key = await createKey(server.kms());
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'not-a-principal' }, Action: 'kms:*', Resource: '*' }] });
    expect(await awsError(() => put(key.KeyId!, policy))).toEqual({
      name: 'MalformedPolicyDocumentException',
      message: 'Policy contains a statement with one or more invalid principals.',
      status: 400,
    });
  });

  it('knows no policy but default', async () => {
    const key = await createKey(server.kms());
    expect(await awsError(() => put(key.KeyId!, terraformPolicy, { PolicyName: 'custom' }))).toEqual({ name: 'NotFoundException', message: 'No such policy exists: custom', status: 400 });
  });

  it('denies AWS managed keys', async () => {
    const key = await awsManagedKey(server.kms());
    expect((await awsError(() => put(key.KeyId!, terraformPolicy))).message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: kms:PutKeyPolicy on resource: ${key.Arn} because no resource-based policy allows the kms:PutKeyPolicy action`,
    );
  });
});
