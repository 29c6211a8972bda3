import { ListKeyPoliciesCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, pendingDeletionKey } from './key-management';

const server = useServer();

const list = (KeyId: string) => server.kms().send(new ListKeyPoliciesCommand({ KeyId }));

describe('ListKeyPolicies', () => {
  it('lists the one policy, default', async () => {
    const key = await createKey(server.kms());
    const raw = await server.raw('TrentService.ListKeyPolicies', JSON.stringify({ KeyId: key.KeyId }));
    expect(raw.json).toEqual({ PolicyNames: ['default'], Truncated: false });
  });

  it('works in every state and for AWS managed keys', async () => {
    const doomed = await pendingDeletionKey(server.kms());
    expect((await list(doomed.Arn!)).PolicyNames).toEqual(['default']);
    const managed = await awsManagedKey(server.kms());
    expect((await list(managed.KeyId!)).PolicyNames).toEqual(['default']);
  });

  it('rejects unknown keys', async () => {
    expect((await awsError(() => list('fake-key-id'))).message).toBe("Invalid keyId 'fake-key-id'");
  });
});
