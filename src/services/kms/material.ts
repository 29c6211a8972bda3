// Key material at rest: sealed under the root key and bound (as AAD) to its key ARN and
// material id. Unsealed material is cached in memory, keyed by ARN and material id; the id is
// a digest of the material (and of the ARN of the key that made it: a multi-Region replica keeps
// its primary's ids), so a cached entry can never answer for different material.
import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import type { Sealer } from '../../store/sealing';
import type { MaterialRecord } from './records';

const CACHE_LIMIT = 20_000;

export class MaterialVault {
  private readonly cache = new Map<string, Buffer>();
  private readonly secretKeys = new Map<string, KeyObject>();

  constructor(private readonly sealer: Sealer) {}

  /** KeyMaterialId: 64 lowercase hex, stable for the same key and material. */
  static materialId(arn: string, material: Buffer): string {
    return createHash('sha256').update(arn).update('\0').update(material).digest('hex');
  }

  seal(arn: string, material: Buffer, createdAt: number): MaterialRecord {
    const id = MaterialVault.materialId(arn, material);
    return { id, sealed: this.sealer.seal(material, `${arn}#${id}`).toString('base64'), createdAt };
  }

  /**
   * The same material (and id) sealed for a related multi-Region key: at rest, material is
   * bound to the ARN of the key that holds it, but its id is the one ciphertexts name.
   */
  reseal(fromArn: string, toArn: string, record: MaterialRecord): MaterialRecord {
    return { ...record, sealed: this.sealer.seal(this.open(fromArn, record), `${toArn}#${record.id}`).toString('base64') };
  }

  open(arn: string, record: MaterialRecord): Buffer {
    const cacheKey = `${arn}#${record.id}`;
    let material = this.cache.get(cacheKey);
    if (!material) {
      material = this.sealer.unseal(Buffer.from(record.sealed, 'base64'), cacheKey);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(cacheKey, material);
    }
    return material;
  }

  /** Drops the unsealed material of a purged key (every material id of its ARN). */
  forget(arn: string): void {
    const prefix = `${arn}#`;
    for (const cache of [this.cache, this.secretKeys]) for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
  }

  /** Drops all unsealed material (after a reset). */
  clear(): void {
    this.cache.clear();
    this.secretKeys.clear();
  }

  /** Symmetric material as a KeyObject, cached alike: createCipheriv takes it without importing the key again. */
  secretKey(arn: string, record: MaterialRecord): KeyObject {
    const cacheKey = `${arn}#${record.id}`;
    let key = this.secretKeys.get(cacheKey);
    if (!key) {
      key = createSecretKey(this.open(arn, record));
      if (this.secretKeys.size >= CACHE_LIMIT) this.secretKeys.clear();
      this.secretKeys.set(cacheKey, key);
    }
    return key;
  }
}
