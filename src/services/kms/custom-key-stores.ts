// Custom key stores (AWS CloudHSM key stores and external key stores): their records, AWS's
// connection state machine and the keys created in them. There is no HSM cluster or external
// key store proxy here: connecting always succeeds, as a job (kind `kms:connect-key-store`) on
// the persistent schedule, so a store reads CONNECTING after ConnectCustomKeyStore and
// CONNECTED once the job runner has run; the keys' material is made and kept like any other
// (docs/divergences.md). While a store is not connected its keys are Unavailable (AWS's key
// state for keys in a disconnected custom key store) and remember the state they go back to.
import { randomBytes } from 'node:crypto';
import type { JobKind } from '../../jobs/runner';
import { Schedule, type Job } from '../../jobs/schedule';
import {
  CloudHsmClusterInUseException,
  CustomKeyStoreHasCMKsException,
  CustomKeyStoreInvalidStateException,
  CustomKeyStoreNameInUseException,
  CustomKeyStoreNotFoundException,
  UnsupportedOperationException,
  ValidationException,
  XksKeyAlreadyInUseException,
  XksProxyUriInUseException,
  XksProxyVpcEndpointServiceInUseException,
} from '../../protocol/errors';
import type { CreateCustomKeyStoreRequest, CustomKeyStoresListEntry, UpdateCustomKeyStoreRequest } from '../../protocol/generated/kms';
import { partition } from '../../regions';
import type { BatchOp } from '../../store/store';
import type { KmsContext } from './context';
import type { KmsEngine, NewKey } from './engine';
import type { KeyScope } from './keys';
import type { KeyRecord, KeyStoreRecord } from './records';

const CONNECT = 'kms:connect-key-store';

/** The connection details a request gives (CreateCustomKeyStore, UpdateCustomKeyStore). */
type StoreSettings = Omit<CreateCustomKeyStoreRequest, 'CustomKeyStoreName' | 'CustomKeyStoreType'>;

const invalidState = (store: KeyStoreRecord, what: string) =>
  new CustomKeyStoreInvalidStateException(`Custom key store ${store.id} has ConnectionState ${store.connectionState}: ${what}`);

/** One lock per account and Region for every write of its stores: names stay unique, keys are not created in a store going away. */
const storesLock = (scope: Pick<KeyScope, 'accountId' | 'region'>) => `${scope.accountId}/${scope.region}/custom-key-stores`;

function withStores<T>(ctx: KmsContext, fn: () => Promise<T>): Promise<T> {
  return ctx.kms.deps.store.locks.run(storesLock(ctx), fn);
}

const storeTable = (engine: KmsEngine, scope: Pick<KeyScope, 'accountId' | 'region'>) => engine.repo.keyStores(scope.accountId, scope.region);

async function allStores(ctx: KmsContext): Promise<KeyStoreRecord[]> {
  return (await storeTable(ctx.kms, ctx).range()).map(([, store]) => store);
}

export async function findKeyStore(ctx: KmsContext, id: string): Promise<KeyStoreRecord> {
  const store = await storeTable(ctx.kms, ctx).get(id);
  if (!store) throw new CustomKeyStoreNotFoundException(`Custom key store ID: ${id} does not exist.`);
  return store;
}

/**
 * The settings of `type` from a request, checked as AWS requires them: every member of the
 * store's type when creating, none of the other type's. Fills `base` (the current record on
 * update).
 */
function applySettings(type: KeyStoreRecord['type'], input: StoreSettings, base: Partial<KeyStoreRecord>, creating: boolean): Partial<KeyStoreRecord> {
  const cloudHsm = [input.CloudHsmClusterId, input.TrustAnchorCertificate, input.KeyStorePassword];
  const xks = [input.XksProxyUriEndpoint, input.XksProxyUriPath, input.XksProxyAuthenticationCredential, input.XksProxyConnectivity, input.XksProxyVpcEndpointServiceName, input.XksProxyVpcEndpointServiceOwner];
  const [own, other] = type === 'AWS_CLOUDHSM' ? [cloudHsm, xks] : [xks.slice(0, 4), cloudHsm];
  if (other.some((v) => v !== undefined)) throw new ValidationException(`The request contains parameters that are not valid for a custom key store of type ${type}.`);
  if (creating && own.some((v) => v === undefined)) {
    throw new ValidationException(
      type === 'AWS_CLOUDHSM'
        ? 'CloudHsmClusterId, TrustAnchorCertificate and KeyStorePassword are required for a custom key store of type AWS_CLOUDHSM.'
        : 'XksProxyUriEndpoint, XksProxyUriPath, XksProxyAuthenticationCredential and XksProxyConnectivity are required for a custom key store of type EXTERNAL_KEY_STORE.',
    );
  }
  if (type === 'AWS_CLOUDHSM') {
    return { ...base, cloudHsmClusterId: input.CloudHsmClusterId ?? base.cloudHsmClusterId, trustAnchorCertificate: input.TrustAnchorCertificate ?? base.trustAnchorCertificate };
  }
  const xksBase = base.xks;
  const connectivity = input.XksProxyConnectivity ?? xksBase!.connectivity;
  const vpcName = connectivity === 'VPC_ENDPOINT_SERVICE' ? (input.XksProxyVpcEndpointServiceName ?? xksBase?.vpcEndpointServiceName) : undefined;
  if (connectivity === 'VPC_ENDPOINT_SERVICE' && vpcName === undefined) {
    throw new ValidationException('XksProxyVpcEndpointServiceName is required when XksProxyConnectivity is VPC_ENDPOINT_SERVICE.');
  }
  if (connectivity === 'PUBLIC_ENDPOINT' && (input.XksProxyVpcEndpointServiceName !== undefined || input.XksProxyVpcEndpointServiceOwner !== undefined)) {
    throw new ValidationException('XksProxyVpcEndpointServiceName and XksProxyVpcEndpointServiceOwner are valid only when XksProxyConnectivity is VPC_ENDPOINT_SERVICE.');
  }
  return {
    ...base,
    xks: {
      uriEndpoint: input.XksProxyUriEndpoint ?? xksBase!.uriEndpoint,
      uriPath: input.XksProxyUriPath ?? xksBase!.uriPath,
      connectivity,
      accessKeyId: input.XksProxyAuthenticationCredential?.AccessKeyId ?? xksBase!.accessKeyId,
      vpcEndpointServiceName: vpcName,
      vpcEndpointServiceOwner: vpcName === undefined ? undefined : (input.XksProxyVpcEndpointServiceOwner ?? xksBase?.vpcEndpointServiceOwner),
    },
  };
}

/** AWS's uniqueness rules among the stores of one account and Region. */
function checkUnique(store: KeyStoreRecord, others: KeyStoreRecord[]): void {
  for (const other of others.filter((o) => o.id !== store.id)) {
    if (other.name === store.name) throw new CustomKeyStoreNameInUseException(`Custom key store name: ${store.name} is already in use.`);
    if (store.cloudHsmClusterId !== undefined && other.cloudHsmClusterId === store.cloudHsmClusterId) {
      throw new CloudHsmClusterInUseException(`CloudHSM cluster ${store.cloudHsmClusterId} is already associated with a custom key store in this account.`);
    }
    if (store.xks && other.xks) {
      if (store.xks.uriEndpoint === other.xks.uriEndpoint && store.xks.uriPath === other.xks.uriPath) {
        throw new XksProxyUriInUseException(`The external key store proxy URI ${store.xks.uriEndpoint}${store.xks.uriPath} is already associated with a custom key store in this account and Region.`);
      }
      if (store.xks.vpcEndpointServiceName !== undefined && store.xks.vpcEndpointServiceName === other.xks.vpcEndpointServiceName) {
        throw new XksProxyVpcEndpointServiceInUseException(`The VPC endpoint service ${store.xks.vpcEndpointServiceName} is already associated with a custom key store in this account and Region.`);
      }
    }
  }
}

/** CreateCustomKeyStore: a DISCONNECTED store (AWS creates them so). */
export function createKeyStore(ctx: KmsContext, input: CreateCustomKeyStoreRequest): Promise<KeyStoreRecord> {
  const type = input.CustomKeyStoreType ?? 'AWS_CLOUDHSM';
  const settings = applySettings(type, input, {}, true);
  const store: KeyStoreRecord = {
    ...settings,
    id: `cks-${randomBytes(9).toString('hex').slice(0, 17)}`,
    name: input.CustomKeyStoreName,
    type,
    createdAt: ctx.now.getTime(),
    connectionState: 'DISCONNECTED',
  };
  return withStores(ctx, async () => {
    checkUnique(store, await allStores(ctx));
    await ctx.kms.deps.store.commit([storeTable(ctx.kms, ctx).put(store.id, store)]);
    return store;
  });
}

/** DescribeCustomKeyStores' entry for a store; no secrets. */
export function keyStoreEntry(store: KeyStoreRecord): CustomKeyStoresListEntry {
  return {
    CustomKeyStoreId: store.id,
    CustomKeyStoreName: store.name,
    CustomKeyStoreType: store.type,
    CloudHsmClusterId: store.cloudHsmClusterId,
    TrustAnchorCertificate: store.trustAnchorCertificate,
    ConnectionState: store.connectionState,
    CreationDate: new Date(store.createdAt),
    XksProxyConfiguration: store.xks && {
      Connectivity: store.xks.connectivity,
      AccessKeyId: store.xks.accessKeyId,
      UriEndpoint: store.xks.uriEndpoint,
      UriPath: store.xks.uriPath,
      VpcEndpointServiceName: store.xks.vpcEndpointServiceName,
      VpcEndpointServiceOwner: store.xks.vpcEndpointServiceOwner,
    },
  };
}

/** The stores of the caller's account and Region in id order, after `marker`, at most `limit`. */
export async function listKeyStores(ctx: KmsContext, marker: string | undefined, limit: number): Promise<KeyStoreRecord[]> {
  return (await storeTable(ctx.kms, ctx).range({ gt: marker, limit })).map(([, store]) => store);
}

export async function findKeyStoreByName(ctx: KmsContext, name: string): Promise<KeyStoreRecord> {
  const store = (await allStores(ctx)).find((s) => s.name === name);
  if (!store) throw new CustomKeyStoreNotFoundException(`Custom key store name: ${name} does not exist.`);
  return store;
}

/** Read-modify-write of one store under the stores' lock. */
function changeStore<T>(ctx: KmsContext, id: string, change: (store: KeyStoreRecord) => Promise<{ ops: BatchOp[]; result: T }>): Promise<T> {
  return withStores(ctx, async () => {
    const { ops, result } = await change(await findKeyStore(ctx, id));
    await ctx.kms.deps.store.commit(ops);
    return result;
  });
}

/**
 * UpdateCustomKeyStore: a CONNECTED store may only be renamed; every other change needs a
 * DISCONNECTED store (AWS API reference, CustomKeyStoreInvalidStateException).
 */
export function updateKeyStore(ctx: KmsContext, input: UpdateCustomKeyStoreRequest): Promise<void> {
  return changeStore(ctx, input.CustomKeyStoreId, async (store) => {
    const { CustomKeyStoreId, NewCustomKeyStoreName, ...settings } = input;
    const renameOnly = Object.values(settings).every((v) => v === undefined);
    if (store.connectionState !== 'DISCONNECTED' && !(renameOnly && store.connectionState === 'CONNECTED')) {
      throw invalidState(store, 'UpdateCustomKeyStore can change a connected custom key store only to rename it; other changes require a DISCONNECTED custom key store.');
    }
    const changed = { ...store, ...applySettings(store.type, settings, store, false), name: NewCustomKeyStoreName ?? store.name } as KeyStoreRecord;
    checkUnique(changed, await allStores(ctx));
    return { ops: [storeTable(ctx.kms, ctx).put(store.id, changed)], result: undefined };
  });
}

/** GenerateRandom with a CustomKeyStoreId: a connected CloudHSM key store. */
export async function checkRandomSource(ctx: KmsContext, id: string): Promise<void> {
  const store = await findKeyStore(ctx, id);
  if (store.type !== 'AWS_CLOUDHSM') throw new UnsupportedOperationException(`GenerateRandom is not supported for custom key stores of type ${store.type}.`);
  if (store.connectionState !== 'CONNECTED') throw invalidState(store, 'GenerateRandom requires a CONNECTED custom key store.');
}

/** The keys created in `store`, in any state. */
async function keysIn(engine: KmsEngine, store: KeyStoreRecord, scope: Pick<KeyScope, 'accountId' | 'region'>): Promise<KeyRecord[]> {
  return (await engine.repo.keys(scope.accountId, scope.region).range()).map(([, key]) => key).filter((key) => key.customKeyStoreId === store.id);
}

/** DeleteCustomKeyStore: only a DISCONNECTED store without keys (pending deletion included). */
export function deleteKeyStore(ctx: KmsContext, id: string): Promise<void> {
  return changeStore(ctx, id, async (store) => {
    if (store.connectionState !== 'DISCONNECTED') throw invalidState(store, 'DeleteCustomKeyStore requires a DISCONNECTED custom key store.');
    if ((await keysIn(ctx.kms, store, ctx)).length > 0) {
      throw new CustomKeyStoreHasCMKsException(`Custom key store ${store.id} contains KMS keys. Delete them and wait for their deletion before deleting the custom key store.`);
    }
    return { ops: [storeTable(ctx.kms, ctx).del(store.id)], result: undefined };
  });
}

function connectJob(scope: Pick<KeyScope, 'accountId' | 'region'>, store: KeyStoreRecord, due: number): Job {
  const { accountId, region } = scope;
  // Key stores have no ARN on AWS; the schedule needs a unique resource name.
  const arn = `arn:${partition(region)}:kms:${region}:${accountId}:custom-key-store/${store.id}`;
  return { due, kind: CONNECT, resource: { accountId, region, id: store.id, arn } };
}

/**
 * ConnectCustomKeyStore: DISCONNECTED → CONNECTING, and the job that completes the connection
 * scheduled now. Already CONNECTING or CONNECTED: nothing to do; FAILED or DISCONNECTING
 * must be disconnected first (AWS API reference).
 */
export function connectKeyStore(ctx: KmsContext, id: string): Promise<void> {
  return changeStore(ctx, id, async (store) => {
    if (store.connectionState === 'CONNECTING' || store.connectionState === 'CONNECTED') return { ops: [], result: undefined };
    if (store.connectionState !== 'DISCONNECTED') throw invalidState(store, 'disconnect it before connecting it again.');
    const ops = [storeTable(ctx.kms, ctx).put(store.id, { ...store, connectionState: 'CONNECTING' }), new Schedule(ctx.kms.deps.store).put(connectJob(ctx, store, ctx.now.getTime()))];
    return { ops, result: undefined };
  });
}

/**
 * Commits `ops` with each of `keys`, read again under its lock (its ARN, as KmsEngine.updateKey
 * takes it), changed by `change`: one batch for a store and its keys.
 */
async function changeKeys(engine: KmsEngine, scope: Pick<KeyScope, 'accountId' | 'region'>, keys: KeyRecord[], change: (key: KeyRecord) => KeyRecord, ops: BatchOp[]): Promise<void> {
  const locked = keys.reduceRight<() => Promise<void>>(
    (inner, key) => () => engine.deps.store.locks.run(key.arn, inner),
    async () => {
      const current = await engine.repo.keys(scope.accountId, scope.region).getMany(keys.map((k) => k.keyId));
      const changed = current.filter((key): key is KeyRecord => key !== undefined).map(change);
      await engine.deps.store.commit([...ops, ...changed.map((key) => engine.putKey(key))]);
    },
  );
  await locked();
}

/** DisconnectCustomKeyStore: at once DISCONNECTED, its keys Unavailable. */
export function disconnectKeyStore(ctx: KmsContext, id: string): Promise<void> {
  return withStores(ctx, async () => {
    const store = await findKeyStore(ctx, id);
    if (store.connectionState === 'DISCONNECTED' || store.connectionState === 'DISCONNECTING') {
      throw invalidState(store, 'DisconnectCustomKeyStore requires a custom key store that is not disconnected.');
    }
    const unavailable = (key: KeyRecord): KeyRecord =>
      key.state === 'Enabled' || key.state === 'Disabled' ? { ...key, state: 'Unavailable', stateWhenConnected: key.state } : key;
    const ops = [storeTable(ctx.kms, ctx).put(store.id, { ...store, connectionState: 'DISCONNECTED' })];
    // A connection still under way is abandoned: its job finds the store DISCONNECTED.
    await changeKeys(ctx.kms, ctx, await keysIn(ctx.kms, store, ctx), unavailable, ops);
  });
}

/** The job kind that completes connections: CONNECTING → CONNECTED, the store's keys available again. */
export function keyStoreConnectionJobs(engine: KmsEngine): JobKind {
  return { kind: CONNECT, run: (job) => completeConnection(engine, job) };
}

async function completeConnection(engine: KmsEngine, job: Job): Promise<void> {
  const { accountId, region, id } = job.resource;
  await engine.deps.store.locks.run(storesLock({ accountId, region }), async () => {
    const table = storeTable(engine, { accountId, region });
    const store = await table.get(id);
    // Stale entries (disconnected or deleted since) are left alone: running one twice connects once.
    if (store?.connectionState !== 'CONNECTING') return;
    const available = (key: KeyRecord): KeyRecord => {
      if (key.state !== 'Unavailable') return key;
      const { stateWhenConnected, ...rest } = key;
      return { ...rest, state: stateWhenConnected ?? 'Enabled' };
    };
    await changeKeys(engine, { accountId, region }, await keysIn(engine, store, { accountId, region }), available, [table.put(id, { ...store, connectionState: 'CONNECTED' })]);
  });
}

/**
 * CreateKey with a CustomKeyStoreId: a symmetric encryption key whose origin names the store's
 * type (with the key id in the external key manager for external key stores), created only
 * while the store is CONNECTED, under the stores' lock so the store stays so.
 */
export function createKeyInStore(ctx: KmsContext, id: string, spec: NewKey & { xksKeyId?: string }): Promise<KeyRecord> {
  return withStores(ctx, async () => {
    const store = await findKeyStore(ctx, id);
    const origin = store.type === 'AWS_CLOUDHSM' ? 'AWS_CLOUDHSM' : 'EXTERNAL_KEY_STORE';
    if (spec.origin !== origin) throw new ValidationException(`Origin ${spec.origin ?? 'AWS_KMS'} is not valid for a custom key store of type ${store.type}; use Origin ${origin}.`);
    if ((spec.xksKeyId !== undefined) !== (origin === 'EXTERNAL_KEY_STORE')) {
      throw new ValidationException('XksKeyId is required for keys in an external key store and valid only for them.');
    }
    if (spec.keySpec !== 'SYMMETRIC_DEFAULT' || spec.keyUsage !== 'ENCRYPT_DECRYPT' || spec.multiRegion) {
      throw new ValidationException('KMS keys in a custom key store must be single-Region symmetric encryption keys (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT).');
    }
    if (store.connectionState !== 'CONNECTED') throw invalidState(store, 'CreateKey requires a CONNECTED custom key store.');
    const keys = await keysIn(ctx.kms, store, ctx);
    if (spec.xksKeyId !== undefined && keys.some((k) => k.xksKeyId === spec.xksKeyId)) {
      throw new XksKeyAlreadyInUseException(`The external key ${spec.xksKeyId} is already associated with a KMS key in custom key store ${store.id}.`);
    }
    const key: KeyRecord = { ...(await ctx.kms.newKeyRecord(ctx, spec)), customKeyStoreId: store.id, cloudHsmClusterId: store.cloudHsmClusterId, xksKeyId: spec.xksKeyId };
    await ctx.kms.deps.store.commit([ctx.kms.putKey(key)]);
    return key;
  });
}
