import { EnableKeyRotationCommand, ListKeyRotationsCommand, type ListKeyRotationsRequest } from '@aws-sdk/client-kms';
import { advanceClock, awsError, useServer } from '../../helpers/server';
import { createKey, DAY, pendingDeletionKey } from './key-management';
import { currentMaterialId, rotateOnDemand } from './rotation-support';
import { NO_MESSAGE } from './support';

const server = useServer({ clock: 'reset' });

const list = (input: ListKeyRotationsRequest) => server.kms().send(new ListKeyRotationsCommand(input));

describe('ListKeyRotations', () => {
  it('lists nothing for a key never rotated, and its first material with ALL_KEY_MATERIAL', async () => {
    const key = await createKey(server.kms());
    expect(await list({ KeyId: key.KeyId })).toMatchObject({ Rotations: [], Truncated: false });
    const { Rotations } = await list({ KeyId: key.Arn, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' });
    expect(Rotations).toEqual([{ KeyId: key.KeyId, KeyMaterialId: key.CurrentKeyMaterialId, KeyMaterialState: 'CURRENT' }]);
  });

  it('lists on-demand and automatic rotations, oldest first, the newest material CURRENT', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    await rotateOnDemand(kms, key.KeyId!);
    const onDemand = await currentMaterialId(kms, key.KeyId!);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    await advanceClock(server, 91 * DAY);
    const automatic = await currentMaterialId(kms, key.KeyId!);

    const { Rotations, Truncated } = await list({ KeyId: key.KeyId });
    expect(Truncated).toBe(false);
    expect(Rotations).toEqual([
      { KeyId: key.KeyId, KeyMaterialId: onDemand, KeyMaterialState: 'NON_CURRENT', RotationDate: expect.any(Date), RotationType: 'ON_DEMAND' },
      { KeyId: key.KeyId, KeyMaterialId: automatic, KeyMaterialState: 'CURRENT', RotationDate: expect.any(Date), RotationType: 'AUTOMATIC' },
    ]);
    expect(Rotations![1].RotationDate!.getTime()).toBeGreaterThan(Rotations![0].RotationDate!.getTime() + 89 * DAY * 1000);
    const all = await list({ KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' });
    expect(all.Rotations!.map((r) => r.KeyMaterialId)).toEqual([key.CurrentKeyMaterialId, onDemand, automatic]);
  });

  it('pages with Limit and Marker', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    for (let i = 0; i < 5; i++) await rotateOnDemand(kms, key.KeyId!);
    const everything = (await list({ KeyId: key.KeyId })).Rotations!.map((r) => r.KeyMaterialId);
    expect(everything).toHaveLength(5);
    const seen: string[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const page = await list({ KeyId: key.KeyId, Limit: 2, Marker });
      pages += 1;
      seen.push(...page.Rotations!.map((r) => r.KeyMaterialId!));
      expect(page.Truncated).toBe(page.NextMarker !== undefined);
      Marker = page.NextMarker;
    } while (Marker);
    expect(pages).toBe(3);
    expect(seen).toEqual(everything);
    const exact = await list({ KeyId: key.KeyId, Limit: 5 });
    expect(exact).toMatchObject({ Truncated: false });
    expect(exact.NextMarker).toBeUndefined();
  });

  it('refuses a marker it did not give', async () => {
    const key = await createKey(server.kms());
    expect(await awsError(() => list({ KeyId: key.KeyId, Marker: 'nonsense' }))).toEqual({ name: 'InvalidMarkerException', message: 'Invalid marker', status: 400 });
  });

  it('rejects a Limit out of 1–1000', async () => {
    const key = await createKey(server.kms());
    expect((await awsError(() => list({ KeyId: key.KeyId, Limit: 0 }))).message).toBe(
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('answers for pending-deletion keys; refuses keys that do not rotate', async () => {
    const deleting = await pendingDeletionKey(server.kms());
    expect((await list({ KeyId: deleting.KeyId })).Rotations).toEqual([]);
    const hmac = await createKey(server.kms(), { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(await awsError(() => list({ KeyId: hmac.KeyId }))).toEqual({ name: 'UnsupportedOperationException', message: NO_MESSAGE, status: 400 });
  });
});
