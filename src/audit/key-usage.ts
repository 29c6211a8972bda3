// The data behind KMS GetKeyLastUsage: each key's last successful cryptographic use, taken from
// that use's own trail event and written in the same batch as the event (the record step passes
// ops() to trail.record), so a use is tracked exactly when its event is stored; and when this
// data dir began tracking (TrackingStartDate).
import type { Clock } from '../clock';
import type { KeyLastUsageTrackingOperation } from '../protocol/generated/kms';
import type { BatchOp, Store, Table } from '../store/store';
import type { KeyUsage, TrailEvent } from './types';

const KMS = 'kms.amazonaws.com';
const KEY = 'AWS::KMS::Key';
const START = 'start';

/** The operations GetKeyLastUsage reports (the model's KeyLastUsageTrackingOperation: the type checks the list is whole). */
const TRACKED: Record<KeyLastUsageTrackingOperation, true> = {
  Decrypt: true,
  DeriveSharedSecret: true,
  Encrypt: true,
  GenerateDataKey: true,
  GenerateDataKeyPair: true,
  GenerateDataKeyPairWithoutPlaintext: true,
  GenerateDataKeyWithoutPlaintext: true,
  GenerateMac: true,
  ReEncrypt: true,
  Sign: true,
  Verify: true,
  VerifyMac: true,
  Encapsulate: true,
  Decapsulate: true,
};

/** As stored: KeyUsage with its timestamp as the event's eventTime. */
type StoredUsage = Omit<KeyUsage, 'timestamp'> & { timestamp: string };

/** A key's last use lives in the key's own account and region (its ARN's), keyed by the key ARN. */
function usageTable(store: Store, accountId: string, region: string): Table<StoredUsage> {
  return store.table<StoredUsage>(accountId, region, 'kms', 'key-usage');
}

/** The op that drops a purged key's last use. */
export function forgetUsage(store: Store, key: { accountId: string; region: string; arn: string }): BatchOp {
  return usageTable(store, key.accountId, key.region).del(key.arn);
}

const isTrackedUse = (event: TrailEvent) =>
  event.eventSource === KMS && event.eventType === 'AwsApiCall' && event.errorCode === undefined && Object.hasOwn(TRACKED, event.eventName);

/** Puts of `event` as the last use of each key it names (ReEncrypt names two: AWS records the use on both). */
function useOps(store: Store, event: TrailEvent): BatchOp[] {
  const usage: StoredUsage = { operation: event.eventName, timestamp: event.eventTime, cloudTrailEventId: event.eventID, kmsRequestId: event.requestID };
  return (event.resources ?? []).filter((r) => r.type === KEY).map((r) => usageTable(store, r.accountId, r.ARN.split(':')[3]).put(r.ARN, usage));
}

export interface KeyUsageTracker {
  /**
   * The ops to commit with `event` (any event the trail records): the puts that record it as its
   * keys' last use, if it is a successful call of an operation GetKeyLastUsage tracks (calls
   * Secrets Manager makes for a user included: they are KMS events too). The first event ever
   * recorded also starts tracking, in the same batch: no recorded use, and no key created while
   * the trail records, predates TrackingStartDate.
   */
  ops(event: TrailEvent): Promise<BatchOp[]>;
  last(accountId: string, region: string, keyArn: string): Promise<KeyUsage | undefined>;
  /** When this data dir began tracking key use: its first recorded event, or else the first question asked of it. */
  trackingStartDate(): Promise<Date>;
}

export function keyUsage(store: Store, clock: Clock): KeyUsageTracker {
  // One record, read with every event: the table keeps it cached (a reset forgets it).
  const tracking = () => store.table<string>('_', '_', 'kms', 'tracking', 1);
  return {
    async ops(event) {
      const ops = isTrackedUse(event) ? useOps(store, event) : [];
      if ((await tracking().get(START)) === undefined) ops.push(tracking().put(START, event.eventTime));
      return ops;
    },
    async last(accountId, region, keyArn) {
      const usage = await usageTable(store, accountId, region).get(keyArn);
      return usage && { ...usage, timestamp: new Date(usage.timestamp) };
    },
    async trackingStartDate() {
      const table = tracking();
      let start = await table.get(START);
      if (start === undefined) {
        start = await store.locks.run('\0kms-tracking', async () => {
          const again = await table.get(START);
          if (again !== undefined) return again;
          const now = clock.now().toISOString();
          await store.commit([table.put(START, now)]);
          return now;
        });
      }
      return new Date(start);
    },
  };
}
