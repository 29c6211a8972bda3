import { ListGrantsCommand, ListRetirableGrantsCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { advanceClock, awsError, useServer } from '../../helpers/server';
import { createGrant, GRANTEE, listAllGrants, RETIRER } from './grant-support';
import { createKey, DAY, freshAccount } from './key-management';

const server = useServer({ clock: 'reset' });

describe('ListGrants', () => {
  it('lists a key’s grants in pages, with NextMarker only when truncated', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const other = await createKey(kms);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createGrant(kms, key.KeyId!)).GrantId);
    await createGrant(kms, other.KeyId!);
    const whole = await listAllGrants(kms, key.KeyId!);
    expect(whole.pages).toBe(1);
    expect(whole.grants.map((g) => g.GrantId).sort()).toEqual([...ids].sort());
    for (const limit of [1, 2, 5]) {
      const { grants, pages } = await listAllGrants(kms, key.Arn!, limit);
      expect(grants).toEqual(whole.grants);
      expect(pages).toBe(Math.ceil(5 / limit));
    }
    const first = await kms.send(new ListGrantsCommand({ KeyId: key.KeyId, Limit: 2 }));
    expect(first).toMatchObject({ Truncated: true, NextMarker: first.Grants![1].GrantId });
  });

  it('filters by GrantId and GranteePrincipal', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const mine = await createGrant(kms, key.KeyId!);
    const theirs = await createGrant(kms, key.KeyId!, { GranteePrincipal: 'arn:aws:iam::111122223333:role/other' });
    const byId = await kms.send(new ListGrantsCommand({ KeyId: key.KeyId, GrantId: theirs.GrantId }));
    expect(byId.Grants!.map((g) => g.GrantId)).toEqual([theirs.GrantId]);
    const byGrantee = await kms.send(new ListGrantsCommand({ KeyId: key.KeyId, GranteePrincipal: GRANTEE }));
    expect(byGrantee.Grants!.map((g) => g.GrantId)).toEqual([mine.GrantId]);
    const none = await kms.send(new ListGrantsCommand({ KeyId: key.KeyId, GrantId: 'f'.repeat(64) }));
    expect(none).toMatchObject({ Grants: [], Truncated: false });
  });

  it('refuses unknown keys and aliases', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const missing = '11111111-2222-3333-4444-555555555555';
    expect(await awsError(() => kms.send(new ListGrantsCommand({ KeyId: missing })))).toMatchObject({ name: 'NotFoundException', status: 400 });
    expect(await awsError(() => kms.send(new ListGrantsCommand({ KeyId: 'alias/x' })))).toEqual({ name: 'NotFoundException', message: "Invalid keyId 'alias/x'", status: 400 });
  });

  it('lists the grants of a key pending deletion, and none once the key is deleted', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const doomed = await createKey(kms);
    const kept = await createKey(kms);
    await createGrant(kms, doomed.KeyId!, { RetiringPrincipal: RETIRER });
    const keptGrant = await createGrant(kms, kept.KeyId!, { RetiringPrincipal: RETIRER });
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));
    expect((await kms.send(new ListGrantsCommand({ KeyId: doomed.KeyId }))).Grants).toHaveLength(1);
    expect((await kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: RETIRER }))).Grants).toHaveLength(2);

    await advanceClock(server, 7 * DAY + 60);
    expect(await awsError(() => kms.send(new ListGrantsCommand({ KeyId: doomed.KeyId })))).toEqual({
      name: 'NotFoundException',
      message: `Key '${doomed.Arn}' does not exist`,
      status: 400,
    });
    const retirable = await kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: RETIRER }));
    expect(retirable.Grants!.map((g) => g.GrantId)).toEqual([keptGrant.GrantId]);
  });
});
