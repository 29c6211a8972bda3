import { DisableKeyRotationCommand, EnableKeyRotationCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { advanceClock, awsError, useServer } from '../../helpers/server';
import { createKey, DAY } from './key-management';
import { currentMaterialId, rotateOnDemand, rotationStatus, UNROTATABLE } from './rotation-support';
import { NO_MESSAGE, unusableKeys } from './support';

const server = useServer({ clock: 'reset' });

const disable = (KeyId: string) => server.kms().send(new DisableKeyRotationCommand({ KeyId }));
const enable = (KeyId: string, RotationPeriodInDays?: number) => server.kms().send(new EnableKeyRotationCommand({ KeyId, RotationPeriodInDays }));

describe('DisableKeyRotation', () => {
  it('turns automatic rotation off: the status shows KeyId and KeyRotationEnabled only', async () => {
    const key = await createKey(server.kms());
    await enable(key.KeyId!);
    await disable(key.Arn!);
    const { $metadata, ...status } = await rotationStatus(server.kms(), key.KeyId!);
    expect(status).toEqual({ KeyId: key.KeyId, KeyRotationEnabled: false });
  });

  it('succeeds on a key whose rotation is already off', async () => {
    const key = await createKey(server.kms());
    await disable(key.KeyId!);
    expect((await rotationStatus(server.kms(), key.KeyId!)).KeyRotationEnabled).toBe(false);
  });

  it('cancels the scheduled rotation; material from earlier rotations stays', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    await rotateOnDemand(kms, key.KeyId!);
    const material = await currentMaterialId(kms, key.KeyId!);
    await enable(key.KeyId!, 90);
    await disable(key.KeyId!);
    await advanceClock(server, 100 * DAY);
    expect(await currentMaterialId(kms, key.KeyId!)).toBe(material);
  });

  it('leaves no rotation job behind when the key is purged', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    await enable(key.KeyId!, 90);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    await advanceClock(server, 8 * DAY);
    // Past the rotation date without running anything: nothing of the key is due.
    const { clock, jobs } = server.strongroom;
    clock.setOffset(clock.offset + 90 * DAY * 1000);
    const { running, due, failed } = await jobs.state();
    expect({ running, due, failed }).toEqual({ running: 0, due: 0, failed: 0 });
  });

  it('refuses keys that do not rotate and keys not Enabled', async () => {
    for (const [KeySpec, KeyUsage] of UNROTATABLE) {
      const key = await createKey(server.kms(), { KeySpec, KeyUsage });
      expect(await awsError(() => disable(key.KeyId!))).toEqual({ name: 'UnsupportedOperationException', message: NO_MESSAGE, status: 400 });
    }
    for (const { state, key, error } of await unusableKeys(server.kms())) {
      const expected =
        state === 'PendingImport' ? { name: 'UnsupportedOperationException', message: `${key.Arn} origin is EXTERNAL which is not valid for this operation.`, status: 400 } : error;
      expect(await awsError(() => disable(key.KeyId!))).toEqual(expected);
    }
  });
});
