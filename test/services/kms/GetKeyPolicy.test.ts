import { GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, awsError, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, pendingDeletionKey } from './key-management';

const server = useServer();

const get = (KeyId: string, PolicyName?: string) => server.kms().send(new GetKeyPolicyCommand({ KeyId, PolicyName }));

describe('GetKeyPolicy', () => {
  it('returns the default policy of a key created without one, in AWS pretty print', async () => {
    const key = await createKey(server.kms());
    const res = await get(key.KeyId!);
    expect(res.PolicyName).toBe('default');
    expect(JSON.parse(res.Policy!)).toEqual({
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
    });
    expect(res.Policy).toContain('"Version" : "2012-10-17"');
  });

  it('returns a given policy verbatim, with PolicyName default or omitted', async () => {
    const Policy = '{"Version":"2012-10-17",  "Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}';
    const key = await createKey(server.kms(), { Policy });
    expect((await get(key.Arn!, 'default')).Policy).toBe(Policy);
    expect((await get(key.KeyId!)).Policy).toBe(Policy);
  });

  it('works on keys pending deletion and on AWS managed keys', async () => {
    const doomed = await pendingDeletionKey(server.kms());
    expect((await get(doomed.KeyId!)).PolicyName).toBe('default');
    const managed = await awsManagedKey(server.kms(), 'secretsmanager');
    expect(JSON.parse((await get(managed.KeyId!)).Policy!).Id).toBe('auto-secretsmanager-2');
  });

  it('knows no policy but default', async () => {
    const key = await createKey(server.kms());
    expect(await awsError(() => get(key.KeyId!, 'other'))).toEqual({ name: 'NotFoundException', message: 'No such policy exists: other', status: 400 });
  });

  it('does not accept aliases', async () => {
    expect((await awsError(() => get('alias/aws/s3'))).message).toBe("Invalid keyId 'alias/aws/s3'");
  });
});
