import { DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand, StopReplicationToReplicaCommand } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, NOT_FOUND } from './helpers';

const server = useServer({ reset: 'each' });

const eu = () => server.sm({ region: 'eu-west-1' });
const stop = (id: string, region = 'eu-west-1') => server.sm({ region }).send(new StopReplicationToReplicaCommand({ SecretId: id }));

describe('StopReplicationToReplica', () => {
  it('promotes the replica to a standalone secret that keeps its values and takes writes', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'one', AddReplicaRegions: [{ Region: 'eu-west-1' }] });
    const replicaArn = ARN!.replace('us-east-1', 'eu-west-1');
    expect((await stop('s')).ARN).toBe(replicaArn);
    const promoted = await eu().send(new DescribeSecretCommand({ SecretId: 's' }));
    expect([promoted.ARN, promoted.PrimaryRegion]).toEqual([replicaArn, undefined]);
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: 's' }))).ReplicationStatus).toBeUndefined();
    await eu().send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'eu only' }));
    expect((await eu().send(new GetSecretValueCommand({ SecretId: 's' }))).SecretString).toBe('eu only');
    expect((await eu().send(new GetSecretValueCommand({ SecretId: 's', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('one');
    await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'us only' }));
    expect((await eu().send(new GetSecretValueCommand({ SecretId: 's' }))).SecretString).toBe('eu only');
  });

  it('answers AWS errors', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'one' });
    expect(await awsError(() => stop('s', 'us-east-1'))).toEqual({
      name: 'InvalidRequestException',
      message: 'StopReplicationToReplica can only be called on a replica secret.',
      status: 400,
    });
    expect(await awsError(() => stop('nope'))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => stop(name))).toEqual(INVALID_NAME);
  });
});
