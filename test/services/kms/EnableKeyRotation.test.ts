import { DisableKeyCommand, EnableKeyRotationCommand } from '@aws-sdk/client-kms';
import { advanceClock, awsError, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, DAY } from './key-management';
import { currentMaterialId, decrypt, encrypt, madeWith, rotationStatus, UNROTATABLE } from './rotation-support';
import { NO_MESSAGE, unusableKeys } from './support';

const server = useServer({ clock: 'reset' });

const enable = (KeyId: string, RotationPeriodInDays?: number) => server.kms().send(new EnableKeyRotationCommand({ KeyId, RotationPeriodInDays }));

describe('EnableKeyRotation', () => {
  it('enables yearly rotation by default: NextRotationDate is 365 days on', async () => {
    const key = await createKey(server.kms());
    const before = Date.now();
    await enable(key.Arn!);
    const status = await rotationStatus(server.kms(), key.KeyId!);
    expect(status).toMatchObject({ KeyId: key.KeyId, KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    expect(status.OnDemandRotationStartDate).toBeUndefined();
    const next = status.NextRotationDate!.getTime();
    expect(next).toBeGreaterThanOrEqual(before + 365 * DAY * 1000 - 1000);
    expect(next).toBeLessThanOrEqual(Date.now() + 365 * DAY * 1000 + 1000);
  });

  it.each([90, 180, 2560])('takes a rotation period of %i days', async (days) => {
    const key = await createKey(server.kms());
    await enable(key.KeyId!, days);
    expect(await rotationStatus(server.kms(), key.KeyId!)).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: days });
  });

  it('changes the period of a key that already rotates, counting from when rotation was enabled', async () => {
    const key = await createKey(server.kms());
    await enable(key.KeyId!);
    const first = (await rotationStatus(server.kms(), key.KeyId!)).NextRotationDate!.getTime();
    await enable(key.KeyId!, 100);
    const status = await rotationStatus(server.kms(), key.KeyId!);
    expect(status.RotationPeriodInDays).toBe(100);
    expect(status.NextRotationDate!.getTime()).toBe(first - 265 * DAY * 1000);
  });

  it.each([
    [89, 'greater than or equal to 90'],
    [2561, 'less than or equal to 2560'],
  ])('rejects a period of %i days', async (days, bound) => {
    const key = await createKey(server.kms());
    expect(await awsError(() => enable(key.KeyId!, days))).toEqual({
      name: 'ValidationException',
      message: `1 validation error detected: Value '${days}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value ${bound}`,
      status: 400,
    });
    expect((await rotationStatus(server.kms(), key.KeyId!)).KeyRotationEnabled).toBe(false);
  });

  it('rotates the key once when the emulated clock passes NextRotationDate, and schedules the next rotation', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    await enable(key.KeyId!, 90);
    const original = await encrypt(kms, key.KeyId!, 'before');
    const { NextRotationDate } = await rotationStatus(kms, key.KeyId!);

    await advanceClock(server, 89 * DAY);
    expect(await currentMaterialId(kms, key.KeyId!)).toBe(key.CurrentKeyMaterialId);

    await advanceClock(server, 2 * DAY);
    const rotated = await currentMaterialId(kms, key.KeyId!);
    expect(rotated).not.toBe(key.CurrentKeyMaterialId);
    const status = await rotationStatus(kms, key.KeyId!);
    expect(status.NextRotationDate!.getTime()).toBe(NextRotationDate!.getTime() + 90 * DAY * 1000);

    // Once: moving on within the new period changes nothing more.
    await advanceClock(server, 30 * DAY);
    expect(await currentMaterialId(kms, key.KeyId!)).toBe(rotated);
    expect(await decrypt(kms, original)).toBe('before');
    expect(madeWith(await encrypt(kms, key.KeyId!, 'after'), rotated)).toBe(true);
  });

  it('does not rotate a key that is disabled on its rotation date: the date moves on one period', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    await enable(key.KeyId!, 90);
    const { NextRotationDate } = await rotationStatus(kms, key.KeyId!);
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    await advanceClock(server, 91 * DAY);
    expect(await currentMaterialId(kms, key.KeyId!)).toBe(key.CurrentKeyMaterialId);
    expect((await rotationStatus(kms, key.KeyId!)).NextRotationDate!.getTime()).toBe(NextRotationDate!.getTime() + 90 * DAY * 1000);
  });

  it.each(UNROTATABLE)('refuses %s keys', async (KeySpec, KeyUsage) => {
    const key = await createKey(server.kms(), { KeySpec, KeyUsage });
    expect(await awsError(() => enable(key.KeyId!))).toEqual({ name: 'UnsupportedOperationException', message: NO_MESSAGE, status: 400 });
  });

  it('refuses keys in every state but Enabled, with the B4 errors', async () => {
    for (const { state, key, error } of await unusableKeys(server.kms())) {
      const expected =
        state === 'PendingImport' ? { name: 'UnsupportedOperationException', message: `${key.Arn} origin is EXTERNAL which is not valid for this operation.`, status: 400 } : error;
      expect(await awsError(() => enable(key.KeyId!))).toEqual(expected);
    }
  });

  it('refuses unknown keys, aliases and AWS managed keys', async () => {
    const missing = '0b6d4f5e-1111-4222-8333-444455556666';
    expect(await awsError(() => enable(missing))).toEqual({
      name: 'NotFoundException',
      message: `Key 'arn:aws:kms:us-east-1:000000000000:key/${missing}' does not exist`,
      status: 400,
    });
    expect((await awsError(() => enable('alias/anything'))).message).toBe("Invalid keyId 'alias/anything'");
    const managed = await awsManagedKey(server.kms(), 'sns');
    expect((await awsError(() => enable(managed.KeyId!))).name).toBe('AccessDeniedException');
  });
});
