// The `kms` section of an export: the customer managed keys of one place as seed entries
// (docs/seeds.md#kms), and the aliases that point at them. Left out, as a seed cannot make
// them: AWS managed keys (made again on first use), keys pending deletion, keys in custom key
// stores, multi-Region replicas (the primary is exported, without its replicas).
import type { AliasListEntry, DescribeKeyResponse, GetKeyPolicyResponse, GetKeyRotationStatusResponse, KeyListEntry, Tag } from '../protocol/generated/kms';
import type { ExportedMaterial } from '../services/kms/material-export';
import { all, policyDocument, tagMapping, type Place, type Read } from './reader';

export type MaterialSource = (accountId: string, region: string, keyId: string) => Promise<ExportedMaterial | undefined>;

/** Key states a seed can give a key: Enabled, Disabled, and PendingImport (EXTERNAL without material). */
const SEEDABLE_STATES = ['Enabled', 'Disabled', 'PendingImport'];

type Entry = Record<string, unknown>;

async function keyEntry(read: Read, place: Place, keyId: string, material: MaterialSource | undefined): Promise<Entry | undefined> {
  const { KeyMetadata: meta } = await read<DescribeKeyResponse>('kms', 'DescribeKey', { KeyId: keyId });
  if (!meta || meta.KeyManager !== 'CUSTOMER' || !SEEDABLE_STATES.includes(meta.KeyState!) || meta.CustomKeyStoreId) return undefined;
  if (meta.MultiRegionConfiguration?.MultiRegionKeyType === 'REPLICA') return undefined;
  const { Policy } = await read<GetKeyPolicyResponse>('kms', 'GetKeyPolicy', { KeyId: keyId, PolicyName: 'default' });
  const tags = await all<Tag>(read, 'kms', 'ListResourceTags', { KeyId: keyId }, 'Tags', ['Marker', 'NextMarker']);
  // Only symmetric keys with AWS-made material rotate automatically (others answer UnsupportedOperationException).
  const rotates = meta.KeySpec === 'SYMMETRIC_DEFAULT' && meta.Origin === 'AWS_KMS';
  const rotation = rotates ? await read<GetKeyRotationStatusResponse>('kms', 'GetKeyRotationStatus', { KeyId: keyId }) : undefined;
  const exported = material && (await material(place.accountId, place.region, keyId));
  return {
    keyId,
    account: place.accountId,
    region: place.region,
    keySpec: meta.KeySpec,
    keyUsage: meta.KeyUsage,
    ...(meta.Description ? { description: meta.Description } : {}),
    ...(meta.KeyState === 'Disabled' ? { enabled: false } : {}),
    ...(meta.Origin === 'EXTERNAL' ? { origin: 'EXTERNAL' } : {}),
    tags: tagMapping(tags.map((t) => [t.TagKey!, t.TagValue!])),
    policy: Policy === undefined ? undefined : policyDocument(Policy),
    ...(rotation?.KeyRotationEnabled ? { rotation: { periodInDays: rotation.RotationPeriodInDays } } : {}),
    ...(exported?.current === undefined
      ? {}
      : {
          material: { base64: exported.current },
          ...(exported.previous.length > 0 ? { previousMaterials: exported.previous.map((base64) => ({ base64 })) } : {}),
          ...(meta.ExpirationModel === 'KEY_MATERIAL_EXPIRES' && meta.ValidTo ? { validTo: meta.ValidTo.toISOString() } : {}),
        }),
  };
}

/** The keys (by id) and aliases (by name) of one place, as seed entries. */
export async function exportKeys(read: Read, place: Place, material: MaterialSource | undefined): Promise<{ keys: Entry[]; aliases: Entry[] }> {
  const listed = await all<KeyListEntry>(read, 'kms', 'ListKeys', {}, 'Keys', ['Marker', 'NextMarker']);
  const keys: Entry[] = [];
  for (const keyId of listed.map((k) => k.KeyId!).sort()) {
    const entry = await keyEntry(read, place, keyId, material);
    if (entry) keys.push(entry);
  }
  const exported = new Set(keys.map((k) => k.keyId));
  const aliases = (await all<AliasListEntry>(read, 'kms', 'ListAliases', {}, 'Aliases', ['Marker', 'NextMarker']))
    .filter((a) => a.TargetKeyId !== undefined && exported.has(a.TargetKeyId))
    .sort((a, b) => (a.AliasName! < b.AliasName! ? -1 : 1))
    .map((a) => ({ name: a.AliasName, targetKeyId: a.TargetKeyId, account: place.accountId, region: place.region }));
  return { keys, aliases };
}
