import { DecryptCommand, EncryptCommand, ReplicateKeyCommand, UpdatePrimaryRegionCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createKey, describeKey } from './key-management';
import { PRIMARY, REPLICA, regionClients, replicatedKey } from './multi-region-support';

const server = useServer();
const arnIn = (region: string, account: string, keyId: string) => `arn:aws:kms:${region}:${account}:key/${keyId}`;

describe('UpdatePrimaryRegion', () => {
  it('swaps the roles in every related key, which still decrypt each other', async () => {
    const { east, west, account } = regionClients(server);
    const key = await replicatedKey(server, east);
    const blob = (await east.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }))).CiphertextBlob;
    await east.send(new UpdatePrimaryRegionCommand({ KeyId: key.KeyId, PrimaryRegion: REPLICA }));
    const related = { PrimaryKey: { Arn: arnIn(REPLICA, account, key.KeyId!), Region: REPLICA }, ReplicaKeys: [{ Arn: key.Arn, Region: PRIMARY }] };
    expect((await describeKey(west, key.KeyId!)).MultiRegionConfiguration).toEqual({ MultiRegionKeyType: 'PRIMARY', ...related });
    expect((await describeKey(east, key.KeyId!)).MultiRegionConfiguration).toEqual({ MultiRegionKeyType: 'REPLICA', ...related });
    expect(Buffer.from((await west.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext!).toString()).toBe('x');
    // The new primary replicates; the old one, now a replica, no longer does.
    await west.send(new ReplicateKeyCommand({ KeyId: key.KeyId, ReplicaRegion: 'ap-southeast-1' }));
    expect((await describeKey(east, key.KeyId!)).MultiRegionConfiguration!.ReplicaKeys!.map((r) => r.Region)).toEqual([PRIMARY, 'ap-southeast-1']);
    expect(await awsError(() => east.send(new UpdatePrimaryRegionCommand({ KeyId: key.KeyId, PrimaryRegion: REPLICA })))).toEqual({
      name: 'UnsupportedOperationException',
      message: `${key.Arn} is not a multi-region primary key.`,
      status: 400,
    });
  });

  it('changes nothing when named the primary Region', async () => {
    const { east } = regionClients(server);
    const key = await replicatedKey(server, east);
    await east.send(new UpdatePrimaryRegionCommand({ KeyId: key.KeyId, PrimaryRegion: PRIMARY }));
    expect((await describeKey(east, key.KeyId!)).MultiRegionConfiguration!.MultiRegionKeyType).toBe('PRIMARY');
  });

  it('refuses a Region without a related key, and a single-Region key', async () => {
    const { east, account } = regionClients(server);
    const key = await replicatedKey(server, east);
    expect(await awsError(() => east.send(new UpdatePrimaryRegionCommand({ KeyId: key.KeyId, PrimaryRegion: 'ap-southeast-1' })))).toEqual({
      name: 'NotFoundException',
      message: `Key '${arnIn('ap-southeast-1', account, key.KeyId!)}' does not exist`,
      status: 400,
    });
    const single = await createKey(east);
    expect(await awsError(() => east.send(new UpdatePrimaryRegionCommand({ KeyId: single.KeyId, PrimaryRegion: REPLICA })))).toEqual({
      name: 'UnsupportedOperationException',
      message: `${single.Arn} is not a multi-region key.`,
      status: 400,
    });
  });
});
