import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CancelKeyDeletionCommand,
  DecryptCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  ListResourceTagsCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { advanceClock, awsError, startServer, useServer } from '../../helpers/server';
import { createKey, DAY, describeKey } from './key-management';
import { runJobs } from './key-store-support';
import { PRIMARY, REPLICA, regionClients, replicatedKey } from './multi-region-support';

const server = useServer({ clock: 'reset' });
const plaintext = Buffer.from('one key, two regions');
const arnIn = (region: string, account: string, keyId: string) => `arn:aws:kms:${region}:${account}:key/${keyId}`;

describe('ReplicateKey', () => {
  it('creates the replica Creating with the same key id, then Enabled once its job has run (recorded shape)', async () => {
    const { east, west, account } = regionClients(server);
    const key = await createKey(east, { MultiRegion: true, Description: 'primary' });
    expect(key.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(key.MultiRegionConfiguration).toEqual({ MultiRegionKeyType: 'PRIMARY', PrimaryKey: { Arn: key.Arn, Region: PRIMARY }, ReplicaKeys: [] });
    // Before replication the key does not exist in the other Region (recorded).
    expect(await awsError(() => describeKey(west, key.KeyId!))).toEqual({
      name: 'NotFoundException',
      message: `Key '${arnIn(REPLICA, account, key.KeyId!)}' does not exist`,
      status: 400,
    });

    const out = await east.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: REPLICA }));
    const replicaArn = arnIn(REPLICA, account, key.KeyId!);
    const related = { PrimaryKey: { Arn: key.Arn, Region: PRIMARY }, ReplicaKeys: [{ Arn: replicaArn, Region: REPLICA }] };
    expect(out.ReplicaKeyMetadata).toMatchObject({ KeyId: key.KeyId, Arn: replicaArn, KeyState: 'Creating', Enabled: false, Description: '', MultiRegion: true });
    expect(out.ReplicaKeyMetadata!.MultiRegionConfiguration).toEqual({ MultiRegionKeyType: 'REPLICA', ...related });
    expect(out.ReplicaKeyMetadata!.CurrentKeyMaterialId).toBeUndefined();
    expect(JSON.parse(out.ReplicaPolicy!)).toEqual({
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
    });
    expect(out.ReplicaTags).toBeUndefined();

    await runJobs(server);
    const replica = await describeKey(west, key.KeyId!);
    const primary = await describeKey(east, key.KeyId!);
    expect(replica).toMatchObject({ KeyState: 'Enabled', Enabled: true, CurrentKeyMaterialId: primary.CurrentKeyMaterialId });
    expect(replica.MultiRegionConfiguration).toEqual({ MultiRegionKeyType: 'REPLICA', ...related });
    expect(primary.MultiRegionConfiguration).toEqual({ MultiRegionKeyType: 'PRIMARY', ...related });
  });

  it('gives the replica its own description, policy and tags', async () => {
    const { east, west } = regionClients(server);
    const key = await createKey(east, { MultiRegion: true, Tags: [{ TagKey: 'side', TagValue: 'primary' }] });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }] });
    const tags = [{ TagKey: 'side', TagValue: 'replica' }];
    const out = await east.send(new ReplicateKeyCommand({ KeyId: key.Arn, ReplicaRegion: REPLICA, Description: 'replica', Policy: policy, Tags: tags }));
    expect(out).toMatchObject({ ReplicaPolicy: policy, ReplicaTags: tags, ReplicaKeyMetadata: { Description: 'replica' } });
    expect((await west.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy).toBe(policy);
    expect((await west.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual(tags);
    expect((await east.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual([{ TagKey: 'side', TagValue: 'primary' }]);
  });

  it('decrypts in either Region what the related key encrypted in the other', async () => {
    const { east, west } = regionClients(server);
    const key = await replicatedKey(server, east);
    const context = { purpose: 'mrk' };
    const fromEast = await east.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext, EncryptionContext: context }));
    const inWest = await west.send(new DecryptCommand({ CiphertextBlob: fromEast.CiphertextBlob, EncryptionContext: context }));
    expect(Buffer.from(inWest.Plaintext!)).toEqual(plaintext);
    expect(inWest.KeyId).toBe(arnIn(REPLICA, key.AWSAccountId!, key.KeyId!));

    const fromWest = await west.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
    const inEast = await east.send(new DecryptCommand({ CiphertextBlob: fromWest.CiphertextBlob, KeyId: key.Arn }));
    expect(Buffer.from(inEast.Plaintext!)).toEqual(plaintext);
    // The header is still authenticated: a wrong context is refused in the other Region too.
    expect(await awsError(() => west.send(new DecryptCommand({ CiphertextBlob: fromEast.CiphertextBlob })))).toMatchObject({ name: 'InvalidCiphertextException' });
  });

  it('keeps enabled state per Region: a disabled replica refuses what the primary accepts', async () => {
    const { east, west } = regionClients(server);
    const key = await replicatedKey(server, east);
    const replicaArn = arnIn(REPLICA, key.AWSAccountId!, key.KeyId!);
    await west.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    const blob = (await east.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }))).CiphertextBlob;
    expect(await awsError(() => west.send(new DecryptCommand({ CiphertextBlob: blob })))).toEqual({ name: 'DisabledException', message: `${replicaArn} is disabled.`, status: 400 });
    expect(Buffer.from((await east.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext!)).toEqual(plaintext);
  });

  it('shares on-demand rotations: the new material is current in every Region at once', async () => {
    const { east, west } = regionClients(server);
    const key = await replicatedKey(server, east);
    const before = (await east.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }))).CiphertextBlob;
    await east.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    const primary = await describeKey(east, key.KeyId!);
    expect(primary.CurrentKeyMaterialId).not.toBe(key.CurrentKeyMaterialId);
    expect((await describeKey(west, key.KeyId!)).CurrentKeyMaterialId).toBe(primary.CurrentKeyMaterialId);
    const after = await west.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
    for (const blob of [before, after.CiphertextBlob]) {
      const out = await east.send(new DecryptCommand({ CiphertextBlob: blob }));
      expect(Buffer.from(out.Plaintext!)).toEqual(plaintext);
    }
  });

  it('shares automatic rotations: the clock past NextRotationDate rotates every related key', async () => {
    const { east, west } = regionClients(server);
    const key = await replicatedKey(server, east);
    await east.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    const before = (await west.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }))).CiphertextBlob;
    await advanceClock(server, 91 * DAY);
    await runJobs(server);
    const primary = await describeKey(east, key.KeyId!);
    expect(primary.CurrentKeyMaterialId).not.toBe(key.CurrentKeyMaterialId);
    expect((await describeKey(west, key.KeyId!)).CurrentKeyMaterialId).toBe(primary.CurrentKeyMaterialId);
    expect(Buffer.from((await east.send(new DecryptCommand({ CiphertextBlob: before }))).Plaintext!)).toEqual(plaintext);
  });

  it('still refuses a single-Region key ciphertext in another Region', async () => {
    const { east, west } = regionClients(server);
    const key = await createKey(east);
    const blob = (await east.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }))).CiphertextBlob;
    expect(await awsError(() => west.send(new DecryptCommand({ CiphertextBlob: blob })))).toMatchObject({ name: 'InvalidCiphertextException' });
  });

  describe('errors', () => {
    it('refuses to replicate a replica (recorded text)', async () => {
      const { east, west } = regionClients(server);
      const key = await replicatedKey(server, east);
      expect(await awsError(() => west.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'ap-southeast-1' })))).toEqual({
        name: 'UnsupportedOperationException',
        message: `${arnIn(REPLICA, key.AWSAccountId!, key.KeyId!)} is not a multi-region primary key.`,
        status: 400,
      });
    });

    it('refuses a single-Region key', async () => {
      const { east } = regionClients(server);
      const key = await createKey(east);
      expect(await awsError(() => east.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: REPLICA })))).toEqual({
        name: 'UnsupportedOperationException',
        message: `Unable to replicate a non-MultiRegion key ${key.KeyId}`,
        status: 400,
      });
    });

    it('refuses a Region that already has a related key, the primary Region included', async () => {
      const { east } = regionClients(server);
      const key = await replicatedKey(server, east);
      for (const region of [REPLICA, PRIMARY]) {
        expect(await awsError(() => east.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: region })))).toEqual({
          name: 'AlreadyExistsException',
          message: `Replica key ${arnIn(region, key.AWSAccountId!, key.KeyId!)} already exists.`,
          status: 400,
        });
      }
    });

    it('refuses a disabled primary', async () => {
      const { east } = regionClients(server);
      const key = await createKey(east, { MultiRegion: true });
      await east.send(new DisableKeyCommand({ KeyId: key.KeyId }));
      expect(await awsError(() => east.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: REPLICA })))).toEqual({ name: 'DisabledException', message: `${key.Arn} is disabled.`, status: 400 });
    });
  });
});

describe('deleting related keys', () => {
  it('keeps a primary with replicas PendingReplicaDeletion until its last replica is deleted, then starts its waiting period', async () => {
    const { east, west } = regionClients(server);
    const key = await replicatedKey(server, east);
    const scheduled = await east.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect(scheduled).toMatchObject({ KeyId: key.Arn, KeyState: 'PendingReplicaDeletion', PendingWindowInDays: 7 });
    expect(scheduled.DeletionDate).toBeUndefined();
    expect(await describeKey(east, key.KeyId!)).toMatchObject({ KeyState: 'PendingReplicaDeletion', Enabled: false });
    expect(await awsError(() => east.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext })))).toMatchObject({ name: 'KMSInvalidStateException' });
    // The replica keeps its own state and is deleted on its own schedule.
    expect((await describeKey(west, key.KeyId!)).KeyState).toBe('Enabled');
    await west.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    await advanceClock(server, 8 * DAY);
    await runJobs(server);
    expect(await awsError(() => describeKey(west, key.KeyId!))).toMatchObject({ name: 'NotFoundException' });
    const primary = await describeKey(east, key.KeyId!);
    expect(primary).toMatchObject({ KeyState: 'PendingDeletion', MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY', ReplicaKeys: [] } });
    expect(primary.DeletionDate).toBeDefined();
    await advanceClock(server, 8 * DAY);
    await runJobs(server);
    expect(await awsError(() => describeKey(east, key.KeyId!))).toMatchObject({ name: 'NotFoundException' });
  });

  it('cancels a PendingReplicaDeletion: the primary comes back Disabled', async () => {
    const { east } = regionClients(server);
    const key = await replicatedKey(server, east);
    await east.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    await east.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId }));
    expect((await describeKey(east, key.KeyId!)).KeyState).toBe('Disabled');
  });
});

// Ciphertexts made before multi-Region replication existed (captured from the unchanged
// single-Region and multi-Region encryption path, with seeded ids and material): they must
// decrypt for ever. The multi-Region one decrypts in a replica made afterwards too.
describe('ciphertexts made before replication', () => {
  const SINGLE = '5eed0000-0000-4000-8000-00000000c0de';
  const MRK = 'mrk-5eed00000000400080000000000c0de0';
  const OLD = {
    [SINGLE]:
      '013030303030303030303030300975732d656173742d31005eed000000004000800000000000c0de5982b4975b36610b27ce752a94b3ab363045e92e85e303aa2e4127e58755001d2f631e5e4d6b0c9e136251c7e71762f1e5d14c5e0f082a6f833c4b04df6744a1fa451120f43156fc0bff9e9b56fe61c1e5882c08858522da80c3cc4549fe80e6',
    [MRK]:
      '013030303030303030303030300975732d656173742d31015eed00000000400080000000000c0de06ed43d8a89be750ce30f3a6d10812e71896b3a9dc52b7a76d16698af7ec68a59cf34ef8ec42bf1e28f7ca956572877c46c1d67301b07126a2e5db45660b33823f890873597987516a77617043fb4956879562688432c82ae1cc628f8c7fd4563',
  };
  const context = { purpose: 'compat' };
  const made = Buffer.from('made before multi-Region replication');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'strongroom-mrk-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('decrypts them as before, and the multi-Region one with its new replica', async () => {
    const seed = join(dir, 'seed.yaml');
    writeFileSync(
      seed,
      `kms:
  keys:
    - { keyId: ${SINGLE}, material: { hex: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff" } }
    - { keyId: ${MRK}, multiRegion: true, material: { hex: "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100" } }
`,
    );
    const seeded = await startServer({ seeds: [seed] });
    try {
      const east = seeded.kms({ region: PRIMARY });
      const west = seeded.kms({ region: REPLICA });
      for (const blob of Object.values(OLD)) {
        const out = await east.send(new DecryptCommand({ CiphertextBlob: Buffer.from(blob, 'hex'), EncryptionContext: context }));
        expect(Buffer.from(out.Plaintext!)).toEqual(made);
      }
      await east.send(new ReplicateKeyCommand({ KeyId: MRK, ReplicaRegion: REPLICA }));
      await runJobs(seeded);
      const out = await west.send(new DecryptCommand({ CiphertextBlob: Buffer.from(OLD[MRK], 'hex'), EncryptionContext: context }));
      expect(Buffer.from(out.Plaintext!)).toEqual(made);
      expect(await awsError(() => west.send(new DecryptCommand({ CiphertextBlob: Buffer.from(OLD[SINGLE], 'hex'), EncryptionContext: context })))).toMatchObject({
        name: 'InvalidCiphertextException',
      });
    } finally {
      await seeded.close();
    }
  });
});
