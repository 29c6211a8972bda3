// The KMS engine: keys and aliases in the store, key material in the vault, and the shared
// steps every operation takes (find a key, check its state and usage, read-modify-write it
// under its lock). Handlers in operations/ are thin layers over this; other services use it
// through its operations (client.ts).
import { noteResource } from '../../pipeline/context';
import type { EncryptionContext, ParsedCiphertext } from './ciphertext';
import { openSymmetric, parseCiphertext, sealSymmetric } from './ciphertext';
import { InvalidCiphertextException } from '../../protocol/errors';
import type { BatchOp } from '../../store/store';
import type { ServiceDeps } from '../service';
import { generateMaterial } from './crypto/keys';
import { incorrectKey, invalidKeyUsage } from './key-errors';
import { AWS_ALIAS_PREFIX, keyArn, MRK_ID, newKeyId } from './identifiers';
import { aliasLock, aliasNotFound, checkState, KeyRepository, keyNotFound, parseKeyReference, type KeyScope, type StateRule } from './keys';
import { MaterialVault } from './material';
import { awsManagedKeyPolicy, defaultKeyPolicy } from './policy';
import type { AliasRecord, KeyRecord, KeyState, MaterialRecord, TagRecord } from './records';

export interface NewKey {
  keySpec: KeyRecord['keySpec'];
  keyUsage: KeyRecord['keyUsage'];
  origin?: KeyRecord['origin'];
  description?: string;
  policy?: string;
  tags?: TagRecord[];
  multiRegion?: boolean;
  keyManager?: 'AWS' | 'CUSTOMER';
  /** Fixed id and material, from seeds. */
  keyId?: string;
  material?: Buffer;
  state?: KeyState;
}

export interface FindOptions {
  /** Whether alias names and alias ARNs identify a key for this operation. */
  aliases?: boolean;
  /** State rule to enforce (default: any state). */
  state?: StateRule;
  /** For errors that name the operation: `<arn> key usage is X which is not valid for <operation>.` */
  operation?: string;
  /** Required key usage, checked before algorithms (AWS's order). */
  usage?: string;
}

/** AWS services whose managed key (`alias/aws/<service>`) KMS creates on first use. */
export const AWS_MANAGED_SERVICES: Record<string, string> = {
  acm: 'ACM',
  dynamodb: 'DynamoDB',
  ebs: 'EBS',
  elasticfilesystem: 'EFS',
  es: 'Elasticsearch',
  glue: 'Glue',
  kinesis: 'Kinesis',
  lambda: 'Lambda',
  rds: 'RDS',
  redshift: 'Redshift',
  s3: 'S3',
  secretsmanager: 'Secrets Manager',
  sns: 'SNS',
  sqs: 'SQS',
  ssm: 'SSM',
  xray: 'X-Ray',
};

/**
 * A symmetric ciphertext that can be decrypted in `region`, parsed (its header names its key),
 * or undefined. A single-Region key's ciphertext decrypts only in its region. A multi-Region
 * key's decrypts in any region with the related key there (AWS: related keys are
 * interchangeable): the header still names the region it was made in, authenticated as AAD;
 * the related key holds the same material under the same ids (multi-region.ts).
 */
export function ciphertextIn(blob: Buffer, region: string): ParsedCiphertext | undefined {
  const parsed = parseCiphertext(blob);
  if (!parsed || (parsed.header.region !== region && !MRK_ID.test(parsed.header.keyId))) return undefined;
  return parsed;
}

export class KmsEngine {
  readonly repo: KeyRepository;
  readonly vault: MaterialVault;

  constructor(readonly deps: ServiceDeps) {
    this.repo = new KeyRepository(deps.store);
    this.vault = new MaterialVault(deps.store.sealer);
  }

  // ---- finding keys -------------------------------------------------------------------------

  async findKey(scope: KeyScope, input: string, options: FindOptions = {}): Promise<KeyRecord> {
    const ref = parseKeyReference(scope, input, options.aliases ?? false);
    let key: KeyRecord | undefined;
    if (ref.kind === 'alias') {
      const alias = await this.repo.aliases(ref.accountId, ref.region).get(ref.aliasName);
      if (alias) key = await this.repo.keys(ref.accountId, ref.region).get(alias.targetKeyId);
      else if (ref.aliasName.startsWith(AWS_ALIAS_PREFIX) && ref.accountId === scope.accountId) key = await this.awsManagedKey(scope, ref.aliasName);
      if (!key) throw aliasNotFound(ref.accountId, ref.region, ref.aliasName);
    } else {
      key = await this.repo.keys(ref.accountId, ref.region).get(ref.keyId);
      if (!key) throw keyNotFound(ref.accountId, ref.region, ref.keyId);
    }
    // The one place a KMS call resolves its key: authorization and the audit trail look here.
    noteResource(scope, { type: 'AWS::KMS::Key', arn: key.arn, accountId: key.accountId });
    checkState(key, options.state ?? 'any');
    if (options.usage && key.keyUsage !== options.usage) throw invalidKeyUsage(key, options.operation);
    return key;
  }

  /**
   * Read-modify-write of one key under its lock: `change` gets the current record and returns
   * the batch to commit (usually a put of the changed record). The record is read again inside
   * the lock, so concurrent changes never overwrite each other.
   */
  async updateKey<T>(scope: KeyScope, input: string, options: FindOptions, change: (key: KeyRecord) => { ops: BatchOp[]; result: T } | Promise<{ ops: BatchOp[]; result: T }>): Promise<T> {
    const found = await this.findKey(scope, input, { aliases: options.aliases });
    return this.deps.store.locks.run(found.arn, async () => {
      const key = await this.findKey(scope, found.arn, options);
      const { ops, result } = await change(key);
      await this.deps.store.commit(ops);
      return result;
    });
  }

  putKey(key: KeyRecord): BatchOp {
    return this.repo.keys(key.accountId, key.region).put(key.keyId, key);
  }

  // ---- creating keys ------------------------------------------------------------------------

  /** CreateKey: a new key record (see newKeyRecord), committed. */
  async createKey(scope: KeyScope, spec: NewKey): Promise<KeyRecord> {
    const key = await this.newKeyRecord(scope, spec);
    await this.deps.store.commit([this.putKey(key)]);
    return key;
  }

  /** Builds a new key record (with fresh or given material); the caller commits it. */
  async newKeyRecord(scope: KeyScope, spec: NewKey): Promise<KeyRecord> {
    const keyId = spec.keyId ?? newKeyId(spec.multiRegion ?? false);
    const arn = keyArn(scope.region, scope.accountId, keyId);
    const origin = spec.origin ?? 'AWS_KMS';
    const createdAt = scope.now.getTime();
    const key: KeyRecord = {
      keyId,
      arn,
      accountId: scope.accountId,
      region: scope.region,
      createdAt,
      description: spec.description ?? '',
      keySpec: spec.keySpec,
      keyUsage: spec.keyUsage,
      origin,
      keyManager: spec.keyManager ?? 'CUSTOMER',
      state: spec.state ?? (origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled'),
      multiRegion: spec.multiRegion ?? false,
      policy: spec.policy ?? defaultKeyPolicy(scope.accountId, scope.region),
      tags: spec.tags ?? [],
      materials: [],
    };
    if (origin !== 'EXTERNAL' || spec.material) {
      const material = spec.material ?? (await generateMaterial(spec.keySpec)).bytes;
      const sealed = this.vault.seal(arn, material, createdAt);
      key.materials.push(sealed);
      key.currentMaterialId = sealed.id;
    }
    return key;
  }

  /** The AWS managed key behind `alias/aws/<service>`, created with its alias on first use. */
  private async awsManagedKey(scope: KeyScope, aliasName: string): Promise<KeyRecord | undefined> {
    const service = aliasName.slice(AWS_ALIAS_PREFIX.length);
    const label = AWS_MANAGED_SERVICES[service];
    if (!label) return undefined;
    const aliases = this.repo.aliases(scope.accountId, scope.region);
    return this.withAliasLock(scope, aliasName, async () => {
      const existing = await aliases.get(aliasName);
      if (existing) return this.repo.keys(scope.accountId, scope.region).get(existing.targetKeyId);
      const key = await this.newKeyRecord(scope, {
        keySpec: 'SYMMETRIC_DEFAULT',
        keyUsage: 'ENCRYPT_DECRYPT',
        keyManager: 'AWS',
        description: `Default key that protects my ${label} data when no other key is defined`,
        policy: awsManagedKeyPolicy(scope.accountId, scope.region, service),
      });
      const now = scope.now.getTime();
      const alias: AliasRecord = { aliasName, targetKeyId: key.keyId, createdAt: now, updatedAt: now };
      await this.deps.store.commit([this.putKey(key), aliases.put(aliasName, alias)]);
      return key;
    });
  }

  // ---- aliases ------------------------------------------------------------------------------

  /** Runs `fn` under an alias name's lock: creating, repointing and deleting one alias never interleave. */
  withAliasLock<T>(scope: KeyScope, aliasName: string, fn: () => Promise<T>): Promise<T> {
    return this.deps.store.locks.run(aliasLock(scope.accountId, scope.region, aliasName), fn);
  }

  /** DeleteAlias: allowed whatever the state of the key the alias points at. */
  async deleteAlias(scope: KeyScope, aliasName: string): Promise<void> {
    const aliases = this.repo.aliases(scope.accountId, scope.region);
    await this.withAliasLock(scope, aliasName, async () => {
      if (!(await aliases.get(aliasName))) throw aliasNotFound(scope.accountId, scope.region, aliasName);
      await this.deps.store.commit([aliases.del(aliasName)]);
    });
  }

  // ---- material and symmetric ciphertexts ---------------------------------------------------

  currentMaterial(key: KeyRecord): Buffer {
    return this.vault.open(key.arn, this.currentMaterialRecord(key));
  }

  private currentMaterialRecord(key: KeyRecord): MaterialRecord {
    const record = key.materials.find((m) => m.id === key.currentMaterialId);
    if (!record) throw new Error(`key ${key.arn} has no current material`);
    return record;
  }

  encryptSymmetric(key: KeyRecord, plaintext: Buffer, context: EncryptionContext | undefined): Buffer {
    const header = { accountId: key.accountId, region: key.region, keyId: key.keyId, materialId: key.currentMaterialId! };
    return sealSymmetric(this.vault.secretKey(key.arn, this.currentMaterialRecord(key)), header, plaintext, context);
  }

  /**
   * Decrypts a symmetric ciphertext. `expected`, when given (the request named a key), must be
   * the key the ciphertext was made under (IncorrectKeyException otherwise). Wrong context,
   * tampering or bytes that are not our envelope → InvalidCiphertextException, with no
   * message, as AWS.
   */
  async decryptSymmetric(scope: KeyScope, blob: Buffer, context: EncryptionContext | undefined, expected?: KeyRecord, operation = 'Decrypt'): Promise<{ key: KeyRecord; plaintext: Buffer; materialId: string }> {
    const parsed = ciphertextIn(blob, scope.region);
    if (!parsed) throw new InvalidCiphertextException();
    const { header } = parsed;
    if (expected && (expected.keyId !== header.keyId || expected.accountId !== header.accountId)) {
      throw incorrectKey();
    }
    const key = expected ?? (await this.repo.keys(header.accountId, scope.region).get(header.keyId));
    if (!key) throw keyNotFound(header.accountId, scope.region, header.keyId);
    // A ciphertext names its key: this resolves it as findKey does for a KeyId.
    if (!expected) noteResource(scope, { type: 'AWS::KMS::Key', arn: key.arn, accountId: key.accountId });
    checkState(key, 'use');
    if (key.keyUsage !== 'ENCRYPT_DECRYPT') throw invalidKeyUsage(key, operation);
    const record = key.materials.find((m) => m.id === header.materialId);
    const plaintext = record ? openSymmetric(this.vault.secretKey(key.arn, record), parsed, context) : undefined;
    if (!plaintext) throw new InvalidCiphertextException();
    return { key, plaintext, materialId: header.materialId };
  }
}
