import { DisableKeyCommand, ListGrantsCommand, RevokeGrantCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createGrant } from './grant-support';
import { createKey, freshAccount } from './key-management';

const server = useServer();

describe('RevokeGrant', () => {
  it('revokes a grant of a key in any state; revoking it again is InvalidGrantIdException', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const revoked = await createGrant(kms, key.KeyId!);
    const kept = await createGrant(kms, key.KeyId!);
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await kms.send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId: revoked.GrantId }));
    const { Grants } = await kms.send(new ListGrantsCommand({ KeyId: key.KeyId }));
    expect(Grants!.map((g) => g.GrantId)).toEqual([kept.GrantId]);
    expect(await awsError(() => kms.send(new RevokeGrantCommand({ KeyId: key.Arn, GrantId: revoked.GrantId })))).toEqual({
      name: 'InvalidGrantIdException',
      message: `Grant ID ${revoked.GrantId} not found`,
      status: 400,
    });
  });

  it('refuses unknown keys, and answers DryRun after the checks', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const { GrantId } = await createGrant(kms, key.KeyId!);
    const missing = '11111111-2222-3333-4444-555555555555';
    expect(await awsError(() => kms.send(new RevokeGrantCommand({ KeyId: missing, GrantId })))).toMatchObject({ name: 'NotFoundException', status: 400 });
    expect(await awsError(() => kms.send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId, DryRun: true })))).toMatchObject({ name: 'DryRunOperationException' });
    expect((await kms.send(new ListGrantsCommand({ KeyId: key.KeyId }))).Grants).toHaveLength(1);
  });
});
