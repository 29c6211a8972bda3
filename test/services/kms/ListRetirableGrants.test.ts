import { ListRetirableGrantsCommand, type KMSClient } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { allGrantPages, createGrant, RETIRER } from './grant-support';
import { createKey, freshAccount } from './key-management';

const server = useServer();

const listAll = (kms: KMSClient, Limit?: number) => allGrantPages((Marker) => kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: RETIRER, Limit, Marker })));

describe('ListRetirableGrants', () => {
  it('lists the grants of every key of the account and region that name the retiring principal, in pages', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const keys = [await createKey(kms), await createKey(kms)];
    const ids: string[] = [];
    for (const key of keys) for (let i = 0; i < 2; i++) ids.push((await createGrant(kms, key.KeyId!, { RetiringPrincipal: RETIRER })).GrantId);
    await createGrant(kms, keys[0].KeyId!, { RetiringPrincipal: 'arn:aws:iam::111122223333:user/someone-else' });
    await createGrant(kms, keys[0].KeyId!);
    const whole = await listAll(kms);
    expect(whole.grants.map((g) => g.GrantId).sort()).toEqual([...ids].sort());
    expect(whole.grants.every((g) => g.RetiringPrincipal === RETIRER && keys.some((k) => k.Arn === g.KeyId))).toBe(true);
    for (const limit of [1, 3]) {
      const { grants, pages } = await listAll(kms, limit);
      expect(grants).toEqual(whole.grants);
      expect(pages).toBe(Math.ceil(4 / limit));
    }
    // Another account's grants are not listed.
    const stranger = server.kms({ accessKeyId: freshAccount() });
    expect((await stranger.send(new ListRetirableGrantsCommand({ RetiringPrincipal: RETIRER }))).Grants).toEqual([]);
  });

  it('needs a retiring principal', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    expect(await awsError(() => kms.send(new ListRetirableGrantsCommand({})))).toEqual({
      name: 'ValidationException',
      message: 'Either RetiringPrincipal or RetiringServicePrincipal must be specified.',
      status: 400,
    });
  });
});
