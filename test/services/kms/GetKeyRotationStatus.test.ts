import { EnableKeyRotationCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, pendingDeletionKey } from './key-management';
import { rotateOnDemand, rotationStatus, UNROTATABLE } from './rotation-support';
import { NO_MESSAGE, unusableKeys } from './support';

const server = useServer();

describe('GetKeyRotationStatus', () => {
  it('answers KeyId and KeyRotationEnabled false only while automatic rotation is off, on-demand rotations included', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    await rotateOnDemand(kms, key.KeyId!);
    const { $metadata, ...status } = await rotationStatus(kms, key.Arn!);
    expect(status).toEqual({ KeyId: key.KeyId, KeyRotationEnabled: false });
  });

  it('adds RotationPeriodInDays and NextRotationDate while it is on', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 180 }));
    await rotateOnDemand(kms, key.KeyId!);
    const { $metadata, NextRotationDate, ...status } = await rotationStatus(kms, key.KeyId!);
    expect(status).toEqual({ KeyId: key.KeyId, KeyRotationEnabled: true, RotationPeriodInDays: 180 });
    expect(NextRotationDate).toBeInstanceOf(Date);
  });

  it('answers for disabled and pending-deletion keys', async () => {
    const [disabled] = await unusableKeys(server.kms());
    expect((await rotationStatus(server.kms(), disabled.key.KeyId!)).KeyRotationEnabled).toBe(false);
    const deleting = await pendingDeletionKey(server.kms());
    expect((await rotationStatus(server.kms(), deleting.KeyId!)).KeyRotationEnabled).toBe(false);
  });

  it('refuses asymmetric, HMAC and imported keys', async () => {
    for (const [KeySpec, KeyUsage] of UNROTATABLE) {
      const key = await createKey(server.kms(), { KeySpec, KeyUsage });
      expect(await awsError(() => rotationStatus(server.kms(), key.KeyId!))).toEqual({ name: 'UnsupportedOperationException', message: NO_MESSAGE, status: 400 });
    }
    const imported = await createKey(server.kms(), { Origin: 'EXTERNAL' });
    expect(await awsError(() => rotationStatus(server.kms(), imported.KeyId!))).toEqual({
      name: 'UnsupportedOperationException',
      message: `${imported.Arn} origin is EXTERNAL which is not valid for this operation.`,
      status: 400,
    });
  });

  it('refuses unknown keys and aliases', async () => {
    expect(await awsError(() => rotationStatus(server.kms(), 'not-a-key'))).toEqual({ name: 'NotFoundException', message: "Invalid keyId 'not-a-key'", status: 400 });
    expect((await awsError(() => rotationStatus(server.kms(), 'alias/x'))).message).toBe("Invalid keyId 'alias/x'");
  });
});
