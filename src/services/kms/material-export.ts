// Key material out of KMS, for `strongroom export --include-key-material` only: AWS has no
// operation that returns it (that is what KMS exists to prevent), so this reads the vault
// directly, in the encoding the seed file's `material: { base64 }` takes back: raw bytes for
// symmetric, HMAC and ML-DSA / ML-KEM (seed) keys, PKCS#8 DER for the other asymmetric keys.
import type { KmsEngine } from './engine';

export interface ExportedMaterial {
  /** The current material (absent: an EXTERNAL key whose material was deleted or expired). */
  current?: string;
  /** Earlier materials (rotations), oldest first: what ciphertexts made before a rotation name. */
  previous: string[];
}

/** The material of a key, base64; undefined when the key does not exist. */
export async function exportKeyMaterial(engine: KmsEngine, accountId: string, region: string, keyId: string): Promise<ExportedMaterial | undefined> {
  const key = await engine.repo.keys(accountId, region).get(keyId);
  if (!key) return undefined;
  const encode = (record: (typeof key.materials)[number]) => engine.vault.open(key.arn, record).toString('base64');
  const current = key.materials.find((m) => m.id === key.currentMaterialId);
  return {
    current: current && encode(current),
    previous: key.materials.filter((m) => m !== current).map(encode),
  };
}
