// The `kms` section of seed files: keys with fixed ids and, optionally, fixed key material, and
// aliases. A key or alias that already exists is left exactly as it is, so loading a file at
// every start is safe. The key material id is derived from the key ARN and the material, so
// the same seed gives the same CurrentKeyMaterialId (and mutually decryptable ciphertexts) on
// every machine.
//
//   kms:
//     keys:
//       - keyId: 8f0b9c4e-…           (UUID, or mrk-<32 hex> for a multi-Region key)
//         account / region            (default: the server's)
//         keySpec / keyUsage          (default SYMMETRIC_DEFAULT / the spec's first usage)
//         description, enabled (false → Disabled), multiRegion, origin (AWS_KMS | EXTERNAL)
//         tags: { Key: value } or [{ TagKey, TagValue }]
//         policy: JSON text or a mapping
//         material: { hex | base64 | pem | file }
//         previousMaterials: [{ hex | base64 | pem | file }]   (earlier materials, oldest first)
//         rotation: { periodInDays }     (automatic rotation on, as EnableKeyRotation)
//     aliases:
//       - { name: alias/x, targetKeyId: <key id or ARN>, account?, region? }
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { rootPrincipal } from '../../pipeline/context';
import { AwsError } from '../../protocol/errors';
import { readInput } from '../../protocol/input';
import { loadModel } from '../../protocol/model';
import { partition } from '../../regions';
import { SeedError, type SeedDefaults } from '../../seed';
import { checkAliasName } from './aliases';
import { CryptoInputError } from './crypto/errors';
import { materialFromDer, materialFromPem, materialFromRaw } from './crypto/keys';
import { allowedKeyUsages, isKeySpec, isUsageAllowed, keySpecInfo, type KeySpec, type KeyUsage } from './crypto/specs';
import type { KmsEngine } from './engine';
import { KEY_ID, MRK_ID } from './identifiers';
import { parseKeyReference, type KeyScope } from './keys';
import { checkKeyPolicy } from './policy';
import type { KeyRecord, TagRecord } from './records';
import { putSeededKey } from './imports';
import { DEFAULT_ROTATION_DAYS } from './rotation';
import { checkNewTags } from './tags';

type Fields = Record<string, unknown>;

const KEY_FIELDS = ['keyId', 'account', 'region', 'keySpec', 'keyUsage', 'description', 'enabled', 'tags', 'policy', 'multiRegion', 'origin', 'material', 'previousMaterials', 'validTo', 'rotation'];
const ALIAS_FIELDS = ['name', 'targetKeyId', 'account', 'region'];
const MATERIAL_FORMS = ['hex', 'base64', 'pem', 'file'];

/** Loads a `kms` seed section; errors name the file and the key or alias. */
export async function seedKms(engine: KmsEngine, section: unknown, defaults: SeedDefaults, file: string): Promise<void> {
  const fail = (where: string, why: string) => new SeedError(`seed ${file}: kms ${where}: ${why}`);
  const { keys = [], aliases = [], ...unknown } = mapping(section, () => fail('section', 'must be a mapping with keys and aliases'));
  if (Object.keys(unknown).length > 0) throw fail('section', `unknown field '${Object.keys(unknown)[0]}' (known: keys, aliases)`);
  if (!Array.isArray(keys)) throw fail('keys', 'must be a list');
  if (!Array.isArray(aliases)) throw fail('aliases', 'must be a list');
  for (const [i, entry] of keys.entries()) {
    const fields = mapping(entry, () => fail(`keys[${i}]`, 'must be a mapping'));
    const where = typeof fields.keyId === 'string' ? `key ${fields.keyId}` : `keys[${i}]`;
    await guarded(where, fail, () => seedKey(engine, fields, defaults, file));
  }
  for (const [i, entry] of aliases.entries()) {
    const fields = mapping(entry, () => fail(`aliases[${i}]`, 'must be a mapping'));
    const where = typeof fields.name === 'string' ? `alias ${fields.name}` : `aliases[${i}]`;
    await guarded(where, fail, () => seedAlias(engine, fields, defaults));
  }
}

/** Turns what the checks throw (plain messages, AWS errors, crypto errors) into one seed error. */
async function guarded(where: string, fail: (where: string, why: string) => SeedError, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof SeedError) throw err;
    if (err instanceof Invalid || err instanceof CryptoInputError) throw fail(where, err.message);
    if (err instanceof AwsError) throw fail(where, `${err.name}: ${err.message}`);
    throw err;
  }
}

class Invalid extends Error {}

function mapping(value: unknown, error: () => Error): Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw error();
  return value as Fields;
}

function onlyFields(fields: Fields, known: string[]): void {
  const extra = Object.keys(fields).find((name) => !known.includes(name));
  if (extra) throw new Invalid(`unknown field '${extra}' (known: ${known.join(', ')})`);
}

function optionalString(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value !== undefined && typeof value !== 'string') throw new Invalid(`${name} must be a string`);
  return value;
}

function optionalBoolean(fields: Fields, name: string): boolean | undefined {
  const value = fields[name];
  if (value !== undefined && typeof value !== 'boolean') throw new Invalid(`${name} must be true or false`);
  return value;
}

function scopeOf(fields: Fields, defaults: SeedDefaults, engine: KmsEngine): KeyScope {
  const accountId = optionalString(fields, 'account') ?? defaults.accountId;
  if (!/^\d{12}$/.test(accountId)) throw new Invalid(`account must be 12 digits, got '${accountId}'`);
  return { accountId, region: optionalString(fields, 'region') ?? defaults.region, now: engine.deps.clock.now() };
}

async function seedKey(engine: KmsEngine, fields: Fields, defaults: SeedDefaults, file: string): Promise<void> {
  onlyFields(fields, KEY_FIELDS);
  const keyId = optionalString(fields, 'keyId');
  if (keyId === undefined) throw new Invalid('keyId is required (a fixed id keeps ARNs stable)');
  const multiRegion = optionalBoolean(fields, 'multiRegion') ?? MRK_ID.test(keyId);
  if (multiRegion ? !MRK_ID.test(keyId) : !KEY_ID.test(keyId)) {
    throw new Invalid(multiRegion ? 'a multi-Region key id is mrk- and 32 lowercase hex digits' : 'keyId must be a lowercase UUID');
  }
  const scope = scopeOf(fields, defaults, engine);
  const keySpec = optionalString(fields, 'keySpec') ?? 'SYMMETRIC_DEFAULT';
  if (!isKeySpec(keySpec)) throw new Invalid(`unknown keySpec '${keySpec}'`);
  const keyUsage = (optionalString(fields, 'keyUsage') ?? allowedKeyUsages(keySpec)[0]) as KeyUsage;
  if (!isUsageAllowed(keySpec, keyUsage)) throw new Invalid(`keyUsage ${keyUsage} is not compatible with keySpec ${keySpec}`);
  const origin = optionalString(fields, 'origin') ?? 'AWS_KMS';
  if (origin !== 'AWS_KMS' && origin !== 'EXTERNAL') throw new Invalid(`origin must be AWS_KMS or EXTERNAL, got '${origin}'`);
  const tags = seedTags(fields.tags);
  const policy = seedPolicy(fields.policy);
  const material = fields.material === undefined ? undefined : seedMaterial(keySpec, fields.material, file);
  const previous = seedPreviousMaterials(keySpec, fields.previousMaterials, material !== undefined, file);
  const enabled = optionalBoolean(fields, 'enabled') ?? true;
  const validTo = seedValidTo(fields, origin, material !== undefined, scope.now);
  const rotationDays = seedRotation(fields.rotation);
  // What CreateKey could say of the key is validated by its model, as a request would be (a fixed
  // id and material are beyond the API, so the key itself is written through the engine).
  const description = optionalString(fields, 'description');
  readInput(loadModel('kms'), 'CreateKeyRequest', { Description: description, KeySpec: keySpec, KeyUsage: keyUsage, Origin: origin, Policy: policy, Tags: tags, MultiRegion: multiRegion });

  const keys = engine.repo.keys(scope.accountId, scope.region);
  if (await keys.get(keyId)) return;
  const key: KeyRecord = await engine.newKeyRecord(scope, {
    keyId,
    keySpec,
    keyUsage,
    origin,
    material,
    multiRegion,
    description,
    policy,
    tags,
    // An EXTERNAL key without material waits for ImportKeyMaterial, whatever `enabled` says. A
    // key that rotates is disabled after EnableKeyRotation, which takes Enabled keys only.
    state: origin === 'EXTERNAL' && !material ? 'PendingImport' : enabled || rotationDays !== undefined ? 'Enabled' : 'Disabled',
  });
  // Earlier materials stay on the key, before the current one, as after rotations: ciphertexts
  // made under them decrypt (their ids are derived from the key ARN and the material).
  const earlier = new Map(previous.map((bytes) => engine.vault.seal(key.arn, bytes, key.createdAt)).map((m) => [m.id, m]));
  earlier.delete(key.currentMaterialId!);
  key.materials.unshift(...earlier.values());
  // Seeded material for an EXTERNAL key counts as imported material: it expires at `validTo` if given.
  if (origin === 'EXTERNAL' && material) {
    key.expirationModel = validTo === undefined ? 'KEY_MATERIAL_DOES_NOT_EXPIRE' : 'KEY_MATERIAL_EXPIRES';
    key.validTo = validTo;
  }
  await engine.deps.store.commit(putSeededKey(engine, key));
  if (rotationDays === undefined) return;
  // Through the pipeline, as a client's calls: the rotation job is scheduled as EnableKeyRotation schedules it.
  const call = (operation: string, input: Record<string, unknown>) =>
    engine.deps.call('kms', operation, input, { principal: rootPrincipal(scope.accountId, 'seed', partition(scope.region)), region: scope.region, trusted: true });
  await call('EnableKeyRotation', { KeyId: keyId, RotationPeriodInDays: rotationDays });
  if (!enabled) await call('DisableKey', { KeyId: keyId });
}

/** `rotation: { periodInDays }`: automatic rotation, enabled at seeding (its period runs from then). */
function seedRotation(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const fields = mapping(value, () => new Invalid('rotation must be a mapping { periodInDays }'));
  onlyFields(fields, ['periodInDays']);
  const days = fields.periodInDays ?? DEFAULT_ROTATION_DAYS;
  // EnableKeyRotation checks the range (90 to 2560 days) with AWS's own message.
  if (typeof days !== 'number' || !Number.isInteger(days)) throw new Invalid('rotation.periodInDays must be a whole number of days');
  return days;
}

/** `previousMaterials`: the materials a key had before its current one (rotations), oldest first. */
function seedPreviousMaterials(spec: KeySpec, value: unknown, hasMaterial: boolean, file: string): Buffer[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Invalid('previousMaterials must be a list');
  if (!hasMaterial) throw new Invalid('previousMaterials needs material (the current one)');
  return value.map((entry) => seedMaterial(spec, entry, file));
}

/** `validTo` (an ISO 8601 date) of seeded EXTERNAL material: when it expires, as ImportKeyMaterial's ValidTo. */
function seedValidTo(fields: Fields, origin: string, hasMaterial: boolean, now: Date): number | undefined {
  const text = optionalString(fields, 'validTo');
  if (text === undefined) return undefined;
  if (origin !== 'EXTERNAL' || !hasMaterial) throw new Invalid('validTo is for EXTERNAL keys seeded with material');
  const validTo = Date.parse(text);
  if (Number.isNaN(validTo)) throw new Invalid(`validTo must be an ISO 8601 date, got '${text}'`);
  if (validTo <= now.getTime()) throw new Invalid(`validTo must be in the future, got '${text}'`);
  return validTo;
}

function seedTags(value: unknown): TagRecord[] | undefined {
  if (value === undefined) return undefined;
  const tags: TagRecord[] = Array.isArray(value)
    ? value.map((t) => mapping(t, () => new Invalid('each tag must be a mapping { TagKey, TagValue }')) as unknown as TagRecord)
    : Object.entries(mapping(value, () => new Invalid('tags must be a mapping or a list'))).map(([TagKey, TagValue]) => ({ TagKey, TagValue: TagValue as string }));
  for (const tag of tags) {
    if (typeof tag.TagKey !== 'string' || typeof tag.TagValue !== 'string') throw new Invalid('tag keys and values must be strings');
  }
  checkNewTags(tags);
  return tags.map(({ TagKey, TagValue }) => ({ TagKey, TagValue }));
}

function seedPolicy(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(mapping(value, () => new Invalid('policy must be JSON text or a mapping')));
  checkKeyPolicy(text);
  return text;
}

/**
 * Key material from exactly one of hex, base64, pem or file. Raw bytes for symmetric, HMAC and
 * ML-DSA / ML-KEM (seed) keys; DER or PEM private keys for the others. A file holding a PEM
 * block is read as PEM; a relative path is taken from the seed file's folder.
 */
function seedMaterial(spec: KeySpec, value: unknown, file: string): Buffer {
  const given = mapping(value, () => new Invalid(`material must be a mapping with one of ${MATERIAL_FORMS.join(', ')}`));
  const forms = Object.keys(given);
  if (forms.length !== 1 || !MATERIAL_FORMS.includes(forms[0])) throw new Invalid(`material must have exactly one of ${MATERIAL_FORMS.join(', ')}`);
  const form = forms[0];
  const text = given[form];
  // YAML reads an unquoted all-digit value as a number.
  if (typeof text !== 'string') throw new Invalid(`material.${form} must be a string (quote it)`);
  if (form === 'pem') return materialFromPem(spec, text).bytes;
  let bytes: Buffer;
  if (form === 'file') {
    const path = resolve(dirname(file), text);
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new Invalid(`cannot read material file ${path}: ${(err as Error).message}`);
    }
    if (bytes.includes('-----BEGIN ')) return materialFromPem(spec, bytes).bytes;
  } else if (form === 'hex') {
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(text)) throw new Invalid('material.hex must be an even number of hex digits');
    bytes = Buffer.from(text, 'hex');
  } else {
    if (!/^[A-Za-z0-9+/\s]+={0,2}\s*$/.test(text)) throw new Invalid('material.base64 is not base64');
    bytes = Buffer.from(text, 'base64');
  }
  return keySpecInfo(spec).materialKind === 'asymmetric' ? materialFromDer(spec, bytes).bytes : materialFromRaw(spec, bytes).bytes;
}

async function seedAlias(engine: KmsEngine, fields: Fields, defaults: SeedDefaults): Promise<void> {
  onlyFields(fields, ALIAS_FIELDS);
  const name = optionalString(fields, 'name');
  const target = optionalString(fields, 'targetKeyId');
  if (name === undefined || target === undefined) throw new Invalid('name and targetKeyId are required');
  checkAliasName(name);
  const scope = scopeOf(fields, defaults, engine);
  const ref = parseKeyReference(scope, target, false);
  if (ref.kind !== 'key' || ref.accountId !== scope.accountId) throw new Invalid(`targetKeyId must name a key of account ${scope.accountId} in ${scope.region}`);
  const key = await engine.repo.keys(scope.accountId, scope.region).get(ref.keyId);
  if (!key) throw new Invalid(`target key ${ref.keyId} does not exist in ${scope.accountId}/${scope.region} (seed it under keys)`);
  if (await engine.repo.aliases(scope.accountId, scope.region).get(name)) return;
  // Through the pipeline, as a client's CreateAlias: validated by the model and seen by every step.
  const principal = rootPrincipal(scope.accountId, 'seed', partition(scope.region));
  await engine.deps.call('kms', 'CreateAlias', { AliasName: name, TargetKeyId: key.keyId }, { principal, region: scope.region, trusted: true });
}
