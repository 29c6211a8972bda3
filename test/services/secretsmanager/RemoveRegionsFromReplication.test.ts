import { DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, RemoveRegionsFromReplicationCommand } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, NOT_FOUND, REPLICA_WRITE } from './helpers';

const server = useServer({ reset: 'each' });

const remove = (id: string, regions: string[], region?: string) => server.sm({ region }).send(new RemoveRegionsFromReplicationCommand({ SecretId: id, RemoveReplicaRegions: regions }));

describe('RemoveRegionsFromReplication', () => {
  it('deletes the replicas of the regions given and answers the remaining status', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'v', AddReplicaRegions: [{ Region: 'eu-west-1' }, { Region: 'ap-south-1' }] });
    const res = await remove('s', ['eu-west-1']);
    expect(res.ARN).toBe(ARN);
    expect(res.ReplicationStatus!.map((r) => r.Region)).toEqual(['ap-south-1']);
    expect(await awsError(() => server.sm({ region: 'eu-west-1' }).send(new GetSecretValueCommand({ SecretId: 's' })))).toEqual(NOT_FOUND);
    expect((await remove('s', ['ap-south-1'])).ReplicationStatus).toEqual([]);
    const described = await server.sm().send(new DescribeSecretCommand({ SecretId: 's' }));
    expect([described.PrimaryRegion, described.ReplicationStatus]).toEqual([undefined, undefined]);
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
  });

  it('leaves a secret of the same name that was never a replica alone', async () => {
    await createSecret(server.sm({ region: 'eu-west-1' }), { Name: 's', SecretString: 'local' });
    await createSecret(server.sm(), { Name: 's', SecretString: 'v', AddReplicaRegions: [{ Region: 'eu-west-1' }] });
    await remove('s', ['eu-west-1']);
    expect((await server.sm({ region: 'eu-west-1' }).send(new GetSecretValueCommand({ SecretId: 's' }))).SecretString).toBe('local');
  });

  it('answers AWS errors', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v', AddReplicaRegions: [{ Region: 'eu-west-1' }] });
    expect(await awsError(() => remove('s', ['eu-west-1'], 'eu-west-1'))).toEqual(REPLICA_WRITE);
    expect(await awsError(() => remove('nope', ['eu-west-1']))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => remove(name, ['eu-west-1']))).toEqual(INVALID_NAME);
  });
});
