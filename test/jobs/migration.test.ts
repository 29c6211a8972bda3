// Data dirs written before the job schedule kept scheduled deletions in two tables of their own:
// KMS's `_/_/kms/deletions` ("<15-digit due ms>/<account>/<region>/<key id>" → {accountId,
// region, keyId}) and Secrets Manager's `_/_/secretsmanager/deletions` ("<15-digit due ms>
// <account> <region> <name>" → {accountId, region, name, arn}). A start moves them onto the
// schedule, so those deletions still happen, and can still be cancelled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelKeyDeletionCommand, CreateKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, RestoreSecretCommand } from '@aws-sdk/client-secrets-manager';
import { Schedule } from '../../src/jobs/schedule';
import type { BatchOp } from '../../src/store/store';
import { Store } from '../../src/store/store';
import { advanceClock, awsError, startServer } from '../helpers/server';
import { describeKey } from '../services/kms/key-management';
import { waitForJobs } from './helpers';

const DAY = 86_400;
/** The last JavaScript date: every entry is due by then. */
const END_OF_TIME = 8.64e15;

let dir: string;
let dataDir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-jobs-migration-'));
  dataDir = join(dir, 'data');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rewrites the data dir's schedule in the layout of the release before it. */
async function toOldLayout(): Promise<void> {
  const store = await Store.open({ inMemory: false, dataDir });
  try {
    const schedule = new Schedule(store);
    const kmsDeletions = store.table('_', '_', 'kms', 'deletions');
    const smDeletions = store.table('_', '_', 'secretsmanager', 'deletions');
    const ops: BatchOp[] = [];
    for (const [, job] of await schedule.due(END_OF_TIME)) {
      const { accountId, region, id, arn } = job.resource;
      const due = String(job.due).padStart(15, '0');
      if (job.kind === 'kms:purge-key') ops.push(kmsDeletions.put(`${due}/${accountId}/${region}/${id}`, { accountId, region, keyId: id }));
      else ops.push(smDeletions.put(`${due} ${accountId} ${region} ${id}`, { accountId, region, name: id, arn }));
      ops.push(schedule.del(job));
    }
    expect(ops).toHaveLength(8);
    await store.commit(ops);
  } finally {
    await store.close();
  }
}

// The trail is off: its retention job is newer than the layout this test rebuilds.
it('moves scheduled deletions from the old tables onto the schedule at start', async () => {
  let server = await startServer({ inMemory: false, dataDir, auditTrail: false });
  const keys: string[] = [];
  try {
    for (const name of ['doomed', 'restored']) {
      await server.sm().send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
      await server.sm().send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
      const key = (await server.kms().send(new CreateKeyCommand({}))).KeyMetadata!;
      await server.kms().send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
      keys.push(key.Arn!);
    }
  } finally {
    await server.close();
  }
  await toOldLayout();

  server = await startServer({ inMemory: false, dataDir, auditTrail: false });
  try {
    const [doomedKey, keptKey] = keys;
    await server.sm().send(new RestoreSecretCommand({ SecretId: 'restored' }));
    await server.kms().send(new CancelKeyDeletionCommand({ KeyId: keptKey }));
    await advanceClock(server, 8 * DAY);

    expect((await awsError(() => server.sm().send(new DescribeSecretCommand({ SecretId: 'doomed' })))).name).toBe('ResourceNotFoundException');
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: 'restored' }))).DeletedDate).toBeUndefined();
    expect(await awsError(() => describeKey(server.kms(), doomedKey))).toEqual({ name: 'NotFoundException', message: `Key '${doomedKey}' does not exist`, status: 400 });
    expect((await describeKey(server.kms(), keptKey)).KeyState).toBe('Disabled');
    expect(await waitForJobs(server)).toEqual({ running: 0, due: 0, failed: 0 });
  } finally {
    await server.close();
  }

  // Both old tables are empty, and so is the schedule: two entries ran, two were cancelled.
  const store = await Store.open({ inMemory: false, dataDir });
  try {
    expect(await store.table('_', '_', 'kms', 'deletions').range()).toEqual([]);
    expect(await store.table('_', '_', 'secretsmanager', 'deletions').range()).toEqual([]);
    expect(await new Schedule(store).due(END_OF_TIME)).toEqual([]);
  } finally {
    await store.close();
  }
});
