// KMS cryptographic scenarios for bench/run.mjs, in its scenario shape: `setup(call)` creates
// the key (and a ciphertext) once, `request(state)` builds one call.
const PLAINTEXT_1KIB = Buffer.alloc(1024, 'strongroom').toString('base64');
const MESSAGE = Buffer.from('a message to sign, as a service would').toString('base64');

async function createKey(call, body = {}) {
  return (await call('TrentService.CreateKey', body)).json.KeyMetadata.KeyId;
}

export const kmsScenarios = [
  {
    name: 'KMS Encrypt (1 KiB)',
    setup: async (call) => ({ keyId: await createKey(call) }),
    request: ({ keyId }) => ({ target: 'TrentService.Encrypt', body: { KeyId: keyId, Plaintext: PLAINTEXT_1KIB } }),
  },
  {
    name: 'KMS Decrypt (1 KiB)',
    setup: async (call) => {
      const keyId = await createKey(call);
      const { json } = await call('TrentService.Encrypt', { KeyId: keyId, Plaintext: PLAINTEXT_1KIB });
      return { ciphertext: json.CiphertextBlob };
    },
    request: ({ ciphertext }) => ({ target: 'TrentService.Decrypt', body: { CiphertextBlob: ciphertext } }),
  },
  {
    name: 'KMS GenerateDataKey (AES_256)',
    setup: async (call) => ({ keyId: await createKey(call) }),
    request: ({ keyId }) => ({ target: 'TrentService.GenerateDataKey', body: { KeyId: keyId, KeySpec: 'AES_256' } }),
  },
  {
    name: 'KMS Sign (ECC_NIST_P256, RAW)',
    setup: async (call) => ({ keyId: await createKey(call, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }) }),
    request: ({ keyId }) => ({ target: 'TrentService.Sign', body: { KeyId: keyId, Message: MESSAGE, SigningAlgorithm: 'ECDSA_SHA_256' } }),
  },
];
