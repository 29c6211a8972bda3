// DeleteImportedKeyMaterial: the key goes back to PendingImport (recorded shape: no
// ExpirationModel, CurrentKeyMaterialId kept); importing the same material again makes old
// ciphertexts decrypt again.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { DecryptCommand, DeleteImportedKeyMaterialCommand, EncryptCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { importMaterial } from './import-support';
import { createKey, describeKey } from './key-management';

const server = useServer();

const deleteMaterial = (kms: ReturnType<typeof server.kms>, KeyId: string) => kms.send(new DeleteImportedKeyMaterialCommand({ KeyId }));

describe('DeleteImportedKeyMaterial', () => {
  it('returns a symmetric key to PendingImport; the same material imported again decrypts old ciphertexts', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    const material = randomBytes(32);
    const { KeyMaterialId } = await importMaterial(kms, key.KeyId!, material);
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('kept') }));

    expect(await deleteMaterial(kms, key.KeyId!)).toMatchObject({ KeyId: key.Arn, KeyMaterialId });
    const after = await describeKey(kms, key.KeyId!);
    expect(after).toMatchObject({ KeyState: 'PendingImport', Enabled: false, CurrentKeyMaterialId: KeyMaterialId });
    expect(after.ExpirationModel).toBeUndefined();
    expect(await awsError(() => kms.send(new DecryptCommand({ CiphertextBlob })))).toEqual({
      name: 'KMSInvalidStateException',
      message: `${key.Arn} is pending import.`,
      status: 400,
    });

    expect((await importMaterial(kms, key.KeyId!, material)).KeyMaterialId).toBe(KeyMaterialId);
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('kept');
  });

  it('returns an asymmetric key to PendingImport; only its own material goes back in', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', Origin: 'EXTERNAL' });
    const material = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'der', type: 'pkcs8' });
    await importMaterial(kms, key.KeyId!, material);
    expect(await deleteMaterial(kms, key.KeyId!)).toMatchObject({ KeyId: key.Arn });
    expect(await describeKey(kms, key.KeyId!)).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'der', type: 'pkcs8' });
    expect((await awsError(() => importMaterial(kms, key.KeyId!, other))).name).toBe('IncorrectKeyMaterialException');
    await importMaterial(kms, key.KeyId!, material);
    expect((await describeKey(kms, key.KeyId!)).KeyState).toBe('Enabled');
  });

  it('refuses keys whose material KMS made, and keys pending deletion', async () => {
    const kms = server.kms();
    const aws = await createKey(kms);
    expect(await awsError(() => deleteMaterial(kms, aws.KeyId!))).toEqual({
      name: 'UnsupportedOperationException',
      message: `${aws.Arn} origin is AWS_KMS which is not valid for this operation.`,
      status: 400,
    });
    const external = await createKey(kms, { Origin: 'EXTERNAL' });
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: external.KeyId, PendingWindowInDays: 7 }));
    expect(await awsError(() => deleteMaterial(kms, external.KeyId!))).toEqual({
      name: 'KMSInvalidStateException',
      message: `${external.Arn} is pending deletion.`,
      status: 400,
    });
  });
});
