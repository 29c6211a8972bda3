// The key-usage tracker on its own (the server's GetKeyLastUsage tests cover it end to end):
// which events count as a key's use, ReEncrypt's two keys, when tracking starts, a purge.
import { Clock } from '../../src/clock';
import { forgetUsage, keyUsage, type KeyUsageTracker } from '../../src/audit/key-usage';
import type { TrailEvent } from '../../src/audit/types';
import { Store } from '../../src/store/store';
import { ACCOUNT, REGION } from '../helpers/server';
import { trailEvent } from './trail-events';

const OTHER = '111122223333';
const keyArnOf = (id: string, account = ACCOUNT, region = REGION) => `arn:aws:kms:${region}:${account}:key/${id}`;
const A = keyArnOf('1234abcd-12ab-34cd-56ef-1234567890ab');
const B = keyArnOf('0987dcba-09fe-87dc-65ba-ab0987654321', OTHER, 'eu-west-1');
const onKeys = (...arns: string[]) => arns.map((ARN) => ({ accountId: ARN.split(':')[4], type: 'AWS::KMS::Key', ARN }));

let store: Store;
let clock: Clock;
let usage: KeyUsageTracker;

beforeEach(async () => {
  store = await Store.open({ inMemory: true });
  clock = new Clock();
  usage = keyUsage(store, clock);
});
afterEach(() => store.close());

/** Records `event` as the trail would: its ops committed. */
async function record(event: TrailEvent): Promise<TrailEvent> {
  await store.commit(await usage.ops(event));
  return event;
}

describe('key usage', () => {
  it('records a successful tracked operation as its key last use, newest wins', async () => {
    await record(trailEvent({ eventName: 'Encrypt' }));
    const decrypt = await record(trailEvent({ eventName: 'Decrypt', at: new Date(Date.now() + 5000) }));
    expect(await usage.last(ACCOUNT, REGION, A)).toEqual({ operation: 'Decrypt', timestamp: new Date(decrypt.eventTime), cloudTrailEventId: decrypt.eventID, kmsRequestId: decrypt.requestID });
  });

  it('ignores failures, operations it does not track, other services and service events', async () => {
    const encrypt = await record(trailEvent({ eventName: 'Encrypt' }));
    await record(trailEvent({ eventName: 'Decrypt', errorCode: 'InvalidCiphertextException', errorMessage: 'bad' }));
    await record(trailEvent({ eventName: 'DescribeKey' }));
    await record(trailEvent({ eventName: 'GenerateRandom' }));
    await record(trailEvent({ eventName: 'Decrypt', eventSource: 'secretsmanager.amazonaws.com' }));
    await record(trailEvent({ eventName: 'Decrypt', eventType: 'AwsServiceEvent' }));
    expect((await usage.last(ACCOUNT, REGION, A))?.cloudTrailEventId).toBe(encrypt.eventID);
  });

  it('records a use on each key an event names, in the key account and region (ReEncrypt)', async () => {
    const reEncrypt = await record(trailEvent({ eventName: 'ReEncrypt', resources: onKeys(A, B) }));
    expect((await usage.last(ACCOUNT, REGION, A))?.cloudTrailEventId).toBe(reEncrypt.eventID);
    expect((await usage.last(OTHER, 'eu-west-1', B))?.operation).toBe('ReEncrypt');
    expect(await usage.last(ACCOUNT, REGION, B)).toBeUndefined();
  });

  it('starts tracking with the first event recorded, whatever it is, and keeps that date', async () => {
    const first = await record(trailEvent({ eventName: 'CreateKey', at: new Date(Date.now() - 60_000) }));
    await record(trailEvent({ eventName: 'Encrypt' }));
    expect(await usage.trackingStartDate()).toEqual(new Date(first.eventTime));
    clock.setOffset(86_400_000);
    expect(await usage.trackingStartDate()).toEqual(new Date(first.eventTime));
  });

  it('starts tracking when first asked if no event was recorded before, and keeps that date', async () => {
    const start = await usage.trackingStartDate();
    expect(Math.abs(start.getTime() - Date.now())).toBeLessThan(60_000);
    await record(trailEvent({ eventName: 'Encrypt', at: new Date(Date.now() + 60_000) }));
    expect(await usage.trackingStartDate()).toEqual(start);
  });

  it('forgets the last use of a purged key', async () => {
    await record(trailEvent({ eventName: 'Sign' }));
    await store.commit([forgetUsage(store, { accountId: ACCOUNT, region: REGION, arn: A })]);
    expect(await usage.last(ACCOUNT, REGION, A)).toBeUndefined();
  });
});
