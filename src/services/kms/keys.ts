// Finding keys the way AWS does (key id, key ARN, alias name, alias ARN, with AWS's errors),
// the key-state rules per operation, and the KeyMetadata shape.
import type { KeyMetadata } from '../../protocol/generated/kms';
import type { ResolvedResource } from '../../pipeline/context';
import { DisabledException, KMSInvalidStateException, NotFoundException } from '../../protocol/errors';
import type { Store, Table } from '../../store/store';
import { parseArn } from '../shared/arn';
import { ALIAS_PREFIX, aliasArn, isKeyId, keyArn } from './identifiers';
import type { AliasRecord, KeyRecord, KeyState, KeyStoreRecord } from './records';
import { algorithmsFor } from './crypto/specs';

export interface KeyScope {
  accountId: string;
  region: string;
  now: Date;
  /** The request's resolved resources (RequestContext): findKey adds the key it finds. */
  resources?: ResolvedResource[];
}

/** Every cryptographic call looks its key (and often an alias) up: keep the hot ones parsed. */
const RECORD_CACHE = 10_000;

export class KeyRepository {
  constructor(private readonly store: Store) {}

  keys(accountId: string, region: string): Table<KeyRecord> {
    return this.store.table<KeyRecord>(accountId, region, 'kms', 'keys', RECORD_CACHE);
  }

  aliases(accountId: string, region: string): Table<AliasRecord> {
    return this.store.table<AliasRecord>(accountId, region, 'kms', 'aliases', RECORD_CACHE);
  }

  keyStores(accountId: string, region: string): Table<KeyStoreRecord> {
    return this.store.table<KeyStoreRecord>(accountId, region, 'kms', 'custom-key-stores');
  }
}

/** The lock for writes of one alias. Alias locks are taken before key locks, never after. */
export function aliasLock(accountId: string, region: string, aliasName: string): string {
  return `${accountId}/${region}/${aliasName}`;
}

/** Where an identifier points, before the lookup. */
export type KeyReference =
  | { kind: 'key'; accountId: string; region: string; keyId: string }
  | { kind: 'alias'; accountId: string; region: string; aliasName: string };

/**
 * Parses a KeyId parameter. Malformed → `Invalid keyId '<input>'`; an ARN of another region →
 * `Invalid arn <region>`; aliases only where the operation accepts them.
 */
export function parseKeyReference(scope: KeyScope, input: string, allowAlias: boolean): KeyReference {
  const invalid = () => new NotFoundException(`Invalid keyId '${input}'`);
  if (input.startsWith('arn:')) {
    const arn = parseArn(input);
    if (!arn || arn.service !== 'kms' || !/^\d{12}$/.test(arn.account)) throw invalid();
    if (arn.region !== scope.region) throw new NotFoundException(`Invalid arn ${arn.region}`);
    if (arn.resource.startsWith('key/') && isKeyId(arn.resource.slice(4))) {
      return { kind: 'key', accountId: arn.account, region: arn.region, keyId: arn.resource.slice(4) };
    }
    if (allowAlias && arn.resource.startsWith(ALIAS_PREFIX)) {
      return { kind: 'alias', accountId: arn.account, region: arn.region, aliasName: arn.resource };
    }
    throw invalid();
  }
  if (allowAlias && input.startsWith(ALIAS_PREFIX)) return { kind: 'alias', accountId: scope.accountId, region: scope.region, aliasName: input };
  if (!isKeyId(input)) throw invalid();
  return { kind: 'key', accountId: scope.accountId, region: scope.region, keyId: input };
}

export function keyNotFound(accountId: string, region: string, keyId: string): NotFoundException {
  return new NotFoundException(`Key '${keyArn(region, accountId, keyId)}' does not exist`);
}

export function aliasNotFound(accountId: string, region: string, aliasName: string): NotFoundException {
  return new NotFoundException(`Alias ${aliasArn(region, accountId, aliasName)} is not found.`);
}

/** The state checks AWS applies per kind of operation (FIDELITY B4). */
export type StateRule =
  /** Cryptographic use: only Enabled keys. */
  | 'use'
  /** EnableKey, DisableKey. */
  | 'toggle'
  /** CreateAlias, TagResource, UntagResource, UpdateKeyDescription, ScheduleKeyDeletion: anything but PendingDeletion. */
  | 'manage'
  /** DescribeKey, policies, listings: any state. */
  | 'any';

const STATE_WORDS: Partial<Record<KeyState, string>> = {
  PendingDeletion: 'pending deletion',
  PendingImport: 'pending import',
  PendingReplicaDeletion: 'pending replica deletion',
  Creating: 'creating',
  Updating: 'updating',
  Unavailable: 'unavailable',
};

function invalidState(key: KeyRecord): KMSInvalidStateException {
  return new KMSInvalidStateException(`${key.arn} is ${STATE_WORDS[key.state] ?? key.state}.`);
}

export function checkState(key: KeyRecord, rule: StateRule): void {
  if (rule === 'any') return;
  const { state } = key;
  if (rule === 'use') {
    if (state === 'Enabled') return;
    if (state === 'Disabled') throw new DisabledException(`${key.arn} is disabled.`);
    throw invalidState(key);
  }
  if (rule === 'toggle') {
    if (state === 'Enabled' || state === 'Disabled') return;
    throw invalidState(key);
  }
  if (state === 'PendingDeletion' || state === 'PendingReplicaDeletion') throw invalidState(key);
}

/** The regions of a multi-Region key and its related keys: the primary's first. */
export function relatedRegions(key: KeyRecord): { primary: string; replicas: string[] } {
  return { primary: key.primaryRegion ?? key.region, replicas: key.replicaRegions ?? [] };
}

function multiRegionConfiguration(key: KeyRecord): KeyMetadata['MultiRegionConfiguration'] {
  const { primary, replicas } = relatedRegions(key);
  const related = (region: string) => ({ Arn: keyArn(region, key.accountId, key.keyId), Region: region });
  return { MultiRegionKeyType: primary === key.region ? 'PRIMARY' : 'REPLICA', PrimaryKey: related(primary), ReplicaKeys: replicas.map(related) };
}

/** The KeyMetadata AWS returns for a key: unset members omitted. */
export function keyMetadata(key: KeyRecord): KeyMetadata {
  const symmetric = key.keySpec === 'SYMMETRIC_DEFAULT';
  return {
    AWSAccountId: key.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: new Date(key.createdAt),
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
    DeletionDate: key.deletionDate === undefined ? undefined : new Date(key.deletionDate),
    Origin: key.origin,
    KeyManager: key.keyManager,
    CustomerMasterKeySpec: key.keySpec as KeyMetadata['CustomerMasterKeySpec'],
    KeySpec: key.keySpec,
    ...algorithmsFor(key.keySpec, key.keyUsage),
    MultiRegion: key.multiRegion,
    MultiRegionConfiguration: key.multiRegion ? multiRegionConfiguration(key) : undefined,
    // AWS reports a material id only for symmetric encryption keys.
    CurrentKeyMaterialId: symmetric ? key.currentMaterialId : undefined,
    CustomKeyStoreId: key.customKeyStoreId,
    CloudHsmClusterId: key.cloudHsmClusterId,
    XksKeyConfiguration: key.xksKeyId === undefined ? undefined : { Id: key.xksKeyId },
    ExpirationModel: key.expirationModel,
    ValidTo: key.validTo === undefined ? undefined : new Date(key.validTo),
  };
}
