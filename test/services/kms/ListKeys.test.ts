import { DisableKeyCommand, ListKeysCommand, ScheduleKeyDeletionCommand, type KeyListEntry } from '@aws-sdk/client-kms';
import { advanceClock, awsError, useServer } from '../../helpers/server';
import { createKey, DAY, freshAccount } from './key-management';

const server = useServer();

describe('ListKeys', () => {
  it('lists {KeyId, KeyArn} of every key of the account and region, in any state', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    expect(await kms.send(new ListKeysCommand({}))).toMatchObject({ Keys: [], Truncated: false });
    const [enabled, disabled, deleting] = [await createKey(kms), await createKey(kms), await createKey(kms)];
    await kms.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: deleting.KeyId }));
    await createKey(server.kms({ accessKeyId: freshAccount() }));
    await createKey(server.kms({ region: 'eu-west-1' }));
    const res = await kms.send(new ListKeysCommand({}));
    expect(res.Truncated).toBe(false);
    expect(res.NextMarker).toBeUndefined();
    const expected = [enabled, disabled, deleting].map((k) => ({ KeyId: k.KeyId, KeyArn: k.Arn }));
    expect(res.Keys).toEqual(expect.arrayContaining(expected));
    expect(res.Keys).toHaveLength(3);
  });

  it('pages with Limit and Marker', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const created = await Promise.all(Array.from({ length: 5 }, () => createKey(kms)));
    const first = await kms.send(new ListKeysCommand({ Limit: 2 }));
    expect(first).toMatchObject({ Truncated: true, NextMarker: expect.any(String) });
    expect(first.Keys).toHaveLength(2);
    const rest = await kms.send(new ListKeysCommand({ Limit: 3, Marker: first.NextMarker }));
    expect(rest.Truncated).toBe(false);
    expect([...first.Keys!, ...rest.Keys!].map((k) => k.KeyId).sort()).toEqual(created.map((k) => k.KeyId).sort());
  });

  it('stays exact while keys are created and deleted between pages', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const stable = await Promise.all(Array.from({ length: 6 }, () => createKey(kms)));
    const doomed = await createKey(kms);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));
    const seen: KeyListEntry[] = [];
    let Marker: string | undefined;
    let page = 0;
    do {
      const res = await kms.send(new ListKeysCommand({ Limit: 2, Marker }));
      seen.push(...res.Keys!);
      Marker = res.NextMarker;
      page += 1;
      if (page === 1) {
        await createKey(kms);
        await advanceClock(server, 8 * DAY);
      }
    } while (Marker);
    const ids = seen.map((k) => k.KeyId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(stable.map((k) => k.KeyId)));
  });

  it('takes Limit 1 to 1000 (model)', async () => {
    expect(await awsError(() => server.kms().send(new ListKeysCommand({ Limit: 0 })))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      status: 400,
    });
    expect((await server.kms().send(new ListKeysCommand({ Limit: 1000 }))).Truncated).toBe(false);
  });
});

