// ImportKeyMaterial: material wrapped offline (as with OpenSSL) by every wrapping algorithm is
// really unwrapped, and what the same material does offline KMS does with it: decrypts RSA
// ciphertexts, makes and checks signatures, MACs. Expiry runs on the emulated clock.
import { constants, createHmac, generateKeyPairSync, publicEncrypt, randomBytes, sign, verify } from 'node:crypto';
import {
  DecryptCommand,
  EncryptCommand,
  GenerateMacCommand,
  ImportKeyMaterialCommand,
  ScheduleKeyDeletionCommand,
  SignCommand,
  VerifyCommand,
  type AlgorithmSpec,
} from '@aws-sdk/client-kms';
import { advanceClock, awsError, useDiskServer, useServer } from '../../helpers/server';
import { getParameters, importMaterial, wrap } from './import-support';
import { createKey, DAY, describeKey } from './key-management';
import { currentMaterialId, decrypt, encrypt, madeWith, rotateOnDemand } from './rotation-support';
import { NO_MESSAGE } from './support';

const server = useServer({ clock: 'reset' });

const ALGORITHMS: AlgorithmSpec[] = ['RSAES_PKCS1_V1_5', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'];

const pkcs8 = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) => key.export({ format: 'der', type: 'pkcs8' });

describe('ImportKeyMaterial', () => {
  it.each(ALGORITHMS)('imports symmetric material wrapped with %s: the key is Enabled and encrypts', async (algorithm) => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    const response = await importMaterial(kms, key.KeyId!, randomBytes(32), { algorithm });
    expect(response.KeyId).toBe(key.Arn);
    expect(response.KeyMaterialId).toMatch(/^[a-f0-9]{64}$/);
    const after = await describeKey(kms, key.KeyId!);
    expect(after).toMatchObject({ KeyState: 'Enabled', Enabled: true, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE', CurrentKeyMaterialId: response.KeyMaterialId });
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('hello') }));
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe('hello');
  });

  it.each(['RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'] as const)('imports an RSA private key wrapped with %s: KMS decrypts what its public key encrypted offline', async (algorithm) => {
    const kms = server.kms();
    const key = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT', Origin: 'EXTERNAL' });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const response = await importMaterial(kms, key.KeyId!, pkcs8(privateKey), { algorithm, wrappingKeySpec: 'RSA_4096' });
    expect(response).toMatchObject({ KeyId: key.Arn });
    expect(response.KeyMaterialId).toBeUndefined();
    const blob = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from('offline'));
    const plain = await kms.send(new DecryptCommand({ KeyId: key.KeyId, CiphertextBlob: blob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }));
    expect(Buffer.from(plain.Plaintext!).toString()).toBe('offline');
  });

  it.each([
    ['ECC_NIST_P256', 'prime256v1', 'ECDSA_SHA_256', 'sha256', 'RSAES_OAEP_SHA_256'],
    ['ECC_NIST_P384', 'secp384r1', 'ECDSA_SHA_384', 'sha384', 'RSAES_OAEP_SHA_1'],
    ['ECC_NIST_P521', 'secp521r1', 'ECDSA_SHA_512', 'sha512', 'RSA_AES_KEY_WRAP_SHA_256'],
    ['ECC_SECG_P256K1', 'secp256k1', 'ECDSA_SHA_256', 'sha256', 'RSA_AES_KEY_WRAP_SHA_1'],
  ] as const)('imports an %s signing key: signatures made offline verify in KMS and the other way round', async (KeySpec, namedCurve, SigningAlgorithm, hash, algorithm) => {
    const kms = server.kms();
    const key = await createKey(kms, { KeySpec, KeyUsage: 'SIGN_VERIFY', Origin: 'EXTERNAL' });
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
    await importMaterial(kms, key.KeyId!, pkcs8(privateKey), { algorithm, wrappingKeySpec: 'RSA_4096' });
    const Message = Buffer.from('signed offline');
    const offline = sign(hash, Message, privateKey);
    expect((await kms.send(new VerifyCommand({ KeyId: key.KeyId, Message, Signature: offline, SigningAlgorithm }))).SignatureValid).toBe(true);
    const { Signature } = await kms.send(new SignCommand({ KeyId: key.KeyId, Message, SigningAlgorithm }));
    expect(verify(hash, Message, publicKey, Buffer.from(Signature!))).toBe(true);
  });

  it('imports an RSA signing key: KMS signatures verify offline', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { KeySpec: 'RSA_3072', KeyUsage: 'SIGN_VERIFY', Origin: 'EXTERNAL' });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
    await importMaterial(kms, key.KeyId!, pkcs8(privateKey), { algorithm: 'RSA_AES_KEY_WRAP_SHA_256' });
    const Message = Buffer.from('message');
    const { Signature } = await kms.send(new SignCommand({ KeyId: key.KeyId, Message, SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256' }));
    expect(verify('sha256', Message, publicKey, Buffer.from(Signature!))).toBe(true);
  });

  it('imports HMAC material: MACs equal those made offline', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', Origin: 'EXTERNAL' });
    const material = randomBytes(48);
    await importMaterial(kms, key.KeyId!, material, { algorithm: 'RSAES_PKCS1_V1_5' });
    const Message = Buffer.from('mac me');
    const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: key.KeyId, Message, MacAlgorithm: 'HMAC_SHA_256' }));
    expect(Buffer.from(Mac!).equals(createHmac('sha256', material).update(Message).digest())).toBe(true);
  });

  it('binds ciphertexts to their key: the same material in two keys does not make them interchangeable', async () => {
    const kms = server.kms();
    const material = randomBytes(32);
    const [a, b] = [await createKey(kms, { Origin: 'EXTERNAL' }), await createKey(kms, { Origin: 'EXTERNAL' })];
    await importMaterial(kms, a.KeyId!, material);
    await importMaterial(kms, b.KeyId!, material);
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: a.KeyId, Plaintext: Buffer.from('a') }));
    expect(await awsError(() => kms.send(new DecryptCommand({ KeyId: b.KeyId, CiphertextBlob })))).toEqual({
      name: 'IncorrectKeyException',
      message: 'The key ID in the request does not identify a CMK that can perform this operation.',
      status: 400,
    });
    expect((await kms.send(new DecryptCommand({ CiphertextBlob }))).KeyId).toBe(a.Arn);
  });

  it('accepts the same material again (a new expiration) and refuses different material', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    const material = randomBytes(32);
    const first = await importMaterial(kms, key.KeyId!, material);
    const ValidTo = new Date(Date.now() + 30 * DAY * 1000);
    const again = await importMaterial(kms, key.KeyId!, material, { request: { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo } });
    expect(again.KeyMaterialId).toBe(first.KeyMaterialId);
    expect(await describeKey(kms, key.KeyId!)).toMatchObject({ ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo });
    expect(await awsError(() => importMaterial(kms, key.KeyId!, randomBytes(32)))).toEqual({
      name: 'IncorrectKeyMaterialException',
      message: 'The key material in the request is not the same key material that was previously imported into this KMS key.',
      status: 400,
    });
  });

  it('keeps NEW_KEY_MATERIAL for RotateKeyOnDemand, one at a time; rotation makes it current and old ciphertexts still decrypt', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    const first = await importMaterial(kms, key.KeyId!, randomBytes(32));
    const old = await encrypt(kms, key.KeyId!, 'first');
    expect(await awsError(() => rotateOnDemand(kms, key.KeyId!))).toEqual({
      name: 'KMSInvalidStateException',
      message: `No available key material pending rotation for the key: ${key.Arn}.`,
      status: 400,
    });
    const next = await importMaterial(kms, key.KeyId!, randomBytes(32), { request: { ImportType: 'NEW_KEY_MATERIAL' } });
    expect(next.KeyMaterialId).not.toBe(first.KeyMaterialId);
    expect(await currentMaterialId(kms, key.KeyId!)).toBe(first.KeyMaterialId);
    const third = await awsError(() => importMaterial(kms, key.KeyId!, randomBytes(32), { request: { ImportType: 'NEW_KEY_MATERIAL' } }));
    expect(third).toMatchObject({ name: 'KMSInvalidStateException', status: 400 });
    expect(third.message).toMatch(new RegExp(`^New key material \\(id: [a-f0-9]{64}\\) cannot be imported into KMS key ${key.KeyId}, because another key material \\(id: ${next.KeyMaterialId}\\) is pending rotation\\.$`));

    expect((await rotateOnDemand(kms, key.KeyId!)).KeyId).toBe(key.Arn);
    expect(await currentMaterialId(kms, key.KeyId!)).toBe(next.KeyMaterialId);
    expect(madeWith(await encrypt(kms, key.KeyId!, 'second'), next.KeyMaterialId!)).toBe(true);
    expect(await decrypt(kms, old)).toBe('first');
  });

  it('refuses NEW_KEY_MATERIAL for keys that are not symmetric', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC', Origin: 'EXTERNAL' });
    await importMaterial(kms, key.KeyId!, randomBytes(32));
    const next = await awsError(() => importMaterial(kms, key.KeyId!, randomBytes(32), { request: { ImportType: 'NEW_KEY_MATERIAL' } }));
    expect(next.name).toBe('IncorrectKeyMaterialException');
  });

  it('deletes material when the emulated clock passes ValidTo: PendingImport, and Encrypt fails', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    await importMaterial(kms, key.KeyId!, randomBytes(32), { request: { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: new Date(Date.now() + 2 * DAY * 1000) } });
    await advanceClock(server, DAY);
    expect((await describeKey(kms, key.KeyId!)).KeyState).toBe('Enabled');
    await advanceClock(server, 2 * DAY);
    const after = await describeKey(kms, key.KeyId!);
    expect(after).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
    expect(after.ExpirationModel).toBeUndefined();
    expect(await awsError(() => kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })))).toEqual({
      name: 'KMSInvalidStateException',
      message: `${key.Arn} is pending import.`,
      status: 400,
    });
  });

  it('refuses a token older than 24 hours of emulated time', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    const params = await getParameters(kms, key.KeyId!);
    await advanceClock(server, DAY + 1);
    const request = { KeyId: key.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', randomBytes(32)) };
    expect(await awsError(() => kms.send(new ImportKeyMaterialCommand({ ...request, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' })))).toEqual({
      name: 'ExpiredImportTokenException',
      message: 'The import token has expired.',
      status: 400,
    });
  });

  it('requires ValidTo for expiring material (recorded text) and forbids it otherwise', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    expect(await awsError(() => importMaterial(kms, key.KeyId!, randomBytes(32), { request: { ExpirationModel: undefined } }))).toEqual({
      name: 'ValidationException',
      message: 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES',
      status: 400,
    });
    expect(await awsError(() => importMaterial(kms, key.KeyId!, randomBytes(32), { request: { ValidTo: new Date(Date.now() + DAY * 1000) } }))).toEqual({
      name: 'ValidationException',
      message: 'A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE',
      status: 400,
    });
  });

  it('refuses a token of another key, a token it never issued, and material wrapped another way', async () => {
    const kms = server.kms();
    const [key, other] = [await createKey(kms, { Origin: 'EXTERNAL' }), await createKey(kms, { Origin: 'EXTERNAL' })];
    const params = await getParameters(kms, other.KeyId!);
    const EncryptedKeyMaterial = wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', randomBytes(32));
    const send = (ImportToken: Uint8Array, material = EncryptedKeyMaterial) =>
      kms.send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken, EncryptedKeyMaterial: material, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }));
    const invalidToken = { name: 'InvalidImportTokenException', message: `The import token is not valid for ${key.Arn}.`, status: 400 };
    expect(await awsError(() => send(params.ImportToken!))).toEqual(invalidToken);
    expect(await awsError(() => send(randomBytes(64)))).toEqual(invalidToken);
    const own = await getParameters(kms, key.KeyId!, 'RSAES_OAEP_SHA_1');
    expect(await awsError(() => send(own.ImportToken!, wrap(own.PublicKey!, 'RSAES_OAEP_SHA_256', randomBytes(32))))).toEqual({
      name: 'InvalidCiphertextException',
      message: NO_MESSAGE,
      status: 400,
    });
  });

  it('refuses material that is not a key of the key spec', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    expect(await awsError(() => importMaterial(kms, key.KeyId!, randomBytes(16)))).toEqual({
      name: 'IncorrectKeyMaterialException',
      message: 'The key material is not valid for key spec SYMMETRIC_DEFAULT.',
      status: 400,
    });
    const ecc = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', Origin: 'EXTERNAL' });
    const p384 = pkcs8(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey);
    expect((await awsError(() => importMaterial(kms, ecc.KeyId!, p384, { wrappingKeySpec: 'RSA_4096' }))).name).toBe('IncorrectKeyMaterialException');
  });

  it('refuses keys whose material KMS made, and keys pending deletion', async () => {
    const kms = server.kms();
    const aws = await createKey(kms);
    const external = await createKey(kms, { Origin: 'EXTERNAL' });
    const params = await getParameters(kms, external.KeyId!);
    const request = { ImportToken: params.ImportToken, EncryptedKeyMaterial: wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', randomBytes(32)), ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' as const };
    expect(await awsError(() => kms.send(new ImportKeyMaterialCommand({ KeyId: aws.KeyId, ...request })))).toEqual({
      name: 'UnsupportedOperationException',
      message: `${aws.Arn} origin is AWS_KMS which is not valid for this operation.`,
      status: 400,
    });
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: external.KeyId, PendingWindowInDays: 7 }));
    expect(await awsError(() => kms.send(new ImportKeyMaterialCommand({ KeyId: external.KeyId, ...request })))).toEqual({
      name: 'KMSInvalidStateException',
      message: `${external.Arn} is pending deletion.`,
      status: 400,
    });
  });
});

describe('ImportKeyMaterial across a restart', () => {
  const { restart } = useDiskServer('strongroom-kms-import-');

  it('takes a token issued before the restart', async () => {
    let disk = await restart();
    let kms = disk.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    const params = await getParameters(kms, key.KeyId!);
    disk = await restart();
    kms = disk.kms();
    const EncryptedKeyMaterial = wrap(params.PublicKey!, 'RSAES_OAEP_SHA_256', randomBytes(32));
    await kms.send(new ImportKeyMaterialCommand({ KeyId: key.KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }));
    expect((await describeKey(kms, key.KeyId!)).KeyState).toBe('Enabled');
  });
});
