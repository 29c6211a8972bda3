// Rotation keeps every generation of material: ciphertexts from each still decrypt, across a
// restart on disk too, and new ciphertexts use the newest.
import { EnableKeyRotationCommand } from '@aws-sdk/client-kms';
import { advanceClock, awsError, useDiskServer, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, DAY, describeKey } from './key-management';
import { currentMaterialId, decrypt, encrypt, madeWith, rotateOnDemand, rotationStatus, UNROTATABLE } from './rotation-support';
import { NO_MESSAGE, unusableKeys } from './support';

const server = useServer();

describe('RotateKeyOnDemand', () => {
  it('answers with the key ARN and makes new material current', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    expect((await rotateOnDemand(kms, key.KeyId!)).KeyId).toBe(key.Arn);
    const rotated = await currentMaterialId(kms, key.KeyId!);
    expect(rotated).toMatch(/^[a-f0-9]{64}$/);
    expect(rotated).not.toBe(key.CurrentKeyMaterialId);
    expect(madeWith(await encrypt(kms, key.KeyId!, 'new'), rotated)).toBe(true);
  });

  it('leaves the automatic schedule as it is', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    const { $metadata, ...before } = await rotationStatus(kms, key.KeyId!);
    await rotateOnDemand(kms, key.KeyId!);
    expect(await rotationStatus(kms, key.KeyId!)).toMatchObject(before);
  });

  it('stops after 10 rotations of one key with AWS limit error', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    for (let i = 0; i < 10; i++) await rotateOnDemand(kms, key.KeyId!);
    const material = await currentMaterialId(kms, key.KeyId!);
    expect(await awsError(() => rotateOnDemand(kms, key.KeyId!))).toEqual({
      name: 'LimitExceededException',
      message: `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.Arn}`,
      status: 400,
    });
    expect(await currentMaterialId(kms, key.KeyId!)).toBe(material);
  });

  it.each(UNROTATABLE)('refuses %s keys with no message', async (KeySpec, KeyUsage) => {
    const key = await createKey(server.kms(), { KeySpec, KeyUsage });
    expect(await awsError(() => rotateOnDemand(server.kms(), key.KeyId!))).toEqual({ name: 'UnsupportedOperationException', message: NO_MESSAGE, status: 400 });
  });

  it('refuses keys not Enabled: disabled, pending deletion, pending import', async () => {
    for (const { key, error } of await unusableKeys(server.kms())) {
      expect(await awsError(() => rotateOnDemand(server.kms(), key.KeyId!))).toEqual(error);
    }
  });

  it('refuses unknown keys and AWS managed keys', async () => {
    const missing = '3c1f0f5e-aaaa-4bbb-8ccc-ddddeeeeffff';
    expect(await awsError(() => rotateOnDemand(server.kms(), missing))).toEqual({
      name: 'NotFoundException',
      message: `Key 'arn:aws:kms:us-east-1:000000000000:key/${missing}' does not exist`,
      status: 400,
    });
    const managed = await awsManagedKey(server.kms(), 'lambda');
    expect((await awsError(() => rotateOnDemand(server.kms(), managed.KeyId!))).name).toBe('AccessDeniedException');
  });
});

describe('RotateKeyOnDemand on disk', () => {
  const { restart } = useDiskServer('strongroom-kms-rotation-');

  it('decrypts ciphertexts of three generations of material after two rotations and a restart; the automatic rotation scheduled before it still happens', async () => {
    let disk = await restart();
    let kms = disk.kms();
    const key = await createKey(kms);
    const sealed = [await encrypt(kms, key.KeyId!, 'generation 1')];
    const materials = [key.CurrentKeyMaterialId!];
    for (const generation of [2, 3]) {
      await rotateOnDemand(kms, key.KeyId!);
      materials.push(await currentMaterialId(kms, key.KeyId!));
      sealed.push(await encrypt(kms, key.KeyId!, `generation ${generation}`));
    }
    expect(new Set(materials).size).toBe(3);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    sealed.forEach((blob, i) => expect(madeWith(blob, materials[i])).toBe(true));

    disk = await restart();
    kms = disk.kms();
    expect((await describeKey(kms, key.KeyId!)).CurrentKeyMaterialId).toBe(materials[2]);
    expect(await Promise.all(sealed.map((blob) => decrypt(kms, blob)))).toEqual(['generation 1', 'generation 2', 'generation 3']);

    await advanceClock(disk, 91 * DAY);
    const automatic = await currentMaterialId(kms, key.KeyId!);
    expect(materials).not.toContain(automatic);
    expect(madeWith(await encrypt(kms, key.KeyId!, 'generation 4'), automatic)).toBe(true);
    expect(await Promise.all(sealed.map((blob) => decrypt(kms, blob)))).toEqual(['generation 1', 'generation 2', 'generation 3']);
  });
});
