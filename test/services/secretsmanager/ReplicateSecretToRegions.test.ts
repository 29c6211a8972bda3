import { CreateKeyCommand, DisableKeyCommand } from '@aws-sdk/client-kms';
import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ReplicateSecretToRegionsCommand,
  TagResourceCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND, REPLICA_WRITE, token } from './helpers';

const server = useServer({ reset: 'each' });

const replicate = (id: string, regions: string[], force?: boolean) =>
  server.sm().send(new ReplicateSecretToRegionsCommand({ SecretId: id, AddReplicaRegions: regions.map((Region) => ({ Region })), ForceOverwriteReplicaSecret: force }));
const eu = () => server.sm({ region: 'eu-west-1' });

describe('ReplicateSecretToRegions', () => {
  it('creates a read-only replica readable through every read operation', async () => {
    const v1 = token();
    const { ARN } = await createSecret(server.sm(), { Name: 'app/db', SecretString: 'one', ClientRequestToken: v1, Description: 'db', Tags: [{ Key: 'env', Value: 'dev' }] });
    const res = await replicate('app/db', ['eu-west-1']);
    expect(res.ARN).toBe(ARN);
    expect(res.ReplicationStatus).toEqual([{ Region: 'eu-west-1', KmsKeyId: 'alias/aws/secretsmanager', Status: 'InSync' }]);
    const replicaArn = ARN!.replace('us-east-1', 'eu-west-1');
    expect(await eu().send(new GetSecretValueCommand({ SecretId: 'app/db' }))).toMatchObject({ ARN: replicaArn, SecretString: 'one', VersionId: v1 });
    expect(await eu().send(new DescribeSecretCommand({ SecretId: replicaArn }))).toMatchObject({
      ARN: replicaArn,
      Description: 'db',
      Tags: [{ Key: 'env', Value: 'dev' }],
      PrimaryRegion: 'us-east-1',
      VersionIdsToStages: { [v1]: ['AWSCURRENT'] },
    });
    expect((await eu().send(new ListSecretsCommand({}))).SecretList!.map((s) => [s.Name, s.PrimaryRegion])).toEqual([['app/db', 'us-east-1']]);
    expect((await eu().send(new ListSecretVersionIdsCommand({ SecretId: 'app/db' }))).Versions!.map((v) => v.KmsKeyIds)).toEqual([['DefaultEncryptionKey']]);
    const primary = await server.sm().send(new DescribeSecretCommand({ SecretId: 'app/db' }));
    expect(primary.PrimaryRegion).toBe('us-east-1');
    expect(primary.ReplicationStatus).toMatchObject([{ Region: 'eu-west-1', Status: 'InSync' }]);
  });

  it('keeps replicas in sync with every change of the primary', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'one', AddReplicaRegions: [{ Region: 'eu-west-1' }, { Region: 'ap-south-1' }] });
    const v2 = token();
    await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'two', ClientRequestToken: v2 }));
    await server.sm().send(new UpdateSecretCommand({ SecretId: 's', Description: 'now described' }));
    await server.sm().send(new TagResourceCommand({ SecretId: 's', Tags: [{ Key: 'k', Value: 'v' }] }));
    for (const region of ['eu-west-1', 'ap-south-1']) {
      const sm = server.sm({ region });
      expect(await sm.send(new GetSecretValueCommand({ SecretId: 's' }))).toMatchObject({ SecretString: 'two', VersionId: v2 });
      expect((await sm.send(new GetSecretValueCommand({ SecretId: 's', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('one');
      expect(await sm.send(new DescribeSecretCommand({ SecretId: 's' }))).toMatchObject({ Description: 'now described', Tags: [{ Key: 'k', Value: 'v' }] });
    }
  });

  it('records reads of a replica on the replica and in the primary status', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'one', AddReplicaRegions: [{ Region: 'eu-west-1' }] });
    await eu().send(new GetSecretValueCommand({ SecretId: 's' }));
    expect((await eu().send(new DescribeSecretCommand({ SecretId: 's' }))).LastAccessedDate).toBeDefined();
    const primary = await server.sm().send(new DescribeSecretCommand({ SecretId: 's' }));
    expect(primary.LastAccessedDate).toBeUndefined();
    expect(primary.ReplicationStatus![0].LastAccessedDate).toBeDefined();
  });

  it('refuses writes to a replica and deletion of a primary that has replicas', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'one', AddReplicaRegions: [{ Region: 'eu-west-1' }] });
    expect(await awsError(() => eu().send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'x' })))).toEqual(REPLICA_WRITE);
    expect(await awsError(() => eu().send(new DeleteSecretCommand({ SecretId: 's' })))).toEqual(REPLICA_WRITE);
    expect(await awsError(() => eu().send(new ReplicateSecretToRegionsCommand({ SecretId: 's', AddReplicaRegions: [{ Region: 'us-west-2' }] })))).toEqual(REPLICA_WRITE);
    expect(await awsError(() => server.sm().send(new DeleteSecretCommand({ SecretId: 's' })))).toEqual({
      name: 'InvalidParameterException',
      message: `You can't delete secret ${ARN} that still has replica regions [eu-west-1].`,
      status: 400,
    });
  });

  it('fails a region whose name is taken, unless ForceOverwriteReplicaSecret', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'primary' });
    await createSecret(eu(), { Name: 's', SecretString: 'local' });
    const failed = await replicate('s', ['eu-west-1']);
    expect(failed.ReplicationStatus).toEqual([
      { Region: 'eu-west-1', KmsKeyId: 'alias/aws/secretsmanager', Status: 'Failed', StatusMessage: 'Replication failed: Secret name already exists in the destination Region.' },
    ]);
    expect((await eu().send(new GetSecretValueCommand({ SecretId: 's' }))).SecretString).toBe('local');
    await createSecret(server.sm(), { Name: 't', SecretString: 'primary' });
    await createSecret(eu(), { Name: 't', SecretString: 'local' });
    expect((await replicate('t', ['eu-west-1'], true)).ReplicationStatus![0].Status).toBe('InSync');
    expect((await eu().send(new GetSecretValueCommand({ SecretId: 't' }))).SecretString).toBe('primary');
  });

  it('encrypts a replica under its own region\'s key, and fails a region whose key cannot be used', async () => {
    const kmsEu = server.kms({ region: 'eu-west-1' });
    const good = (await kmsEu.send(new CreateKeyCommand({}))).KeyMetadata!;
    const bad = (await kmsEu.send(new CreateKeyCommand({}))).KeyMetadata!;
    await kmsEu.send(new DisableKeyCommand({ KeyId: bad.KeyId }));
    await createSecret(server.sm(), { Name: 'ok', SecretString: 'v' });
    await createSecret(server.sm(), { Name: 'ko', SecretString: 'v' });
    const ok = await server.sm().send(new ReplicateSecretToRegionsCommand({ SecretId: 'ok', AddReplicaRegions: [{ Region: 'eu-west-1', KmsKeyId: good.Arn }] }));
    expect(ok.ReplicationStatus).toEqual([{ Region: 'eu-west-1', KmsKeyId: good.Arn, Status: 'InSync' }]);
    expect((await eu().send(new ListSecretVersionIdsCommand({ SecretId: 'ok' }))).Versions![0].KmsKeyIds).toEqual([good.Arn]);
    expect((await eu().send(new DescribeSecretCommand({ SecretId: 'ok' }))).KmsKeyId).toBe(good.Arn);
    const ko = await server.sm().send(new ReplicateSecretToRegionsCommand({ SecretId: 'ko', AddReplicaRegions: [{ Region: 'eu-west-1', KmsKeyId: bad.Arn }] }));
    expect(ko.ReplicationStatus![0]).toMatchObject({ Region: 'eu-west-1', Status: 'Failed' });
    expect(ko.ReplicationStatus![0].StatusMessage).toMatch(/^Secrets Manager can't encrypt the secret value: .* is disabled\. \(Service: AWSKMS;/);
    expect(await awsError(() => eu().send(new GetSecretValueCommand({ SecretId: 'ko' })))).toEqual(NOT_FOUND);
  });

  it('answers AWS errors', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'one', AddReplicaRegions: [{ Region: 'eu-west-1' }] });
    // AWS's text for the secret's own Region (and for a replica with no Region, below).
    expect(await awsError(() => replicate('s', ['us-east-1']))).toEqual({ name: 'InvalidParameterException', message: 'Invalid replica region.', status: 400 });
    expect(await awsError(() => server.sm().send(new ReplicateSecretToRegionsCommand({ SecretId: 's', AddReplicaRegions: [{}] })))).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid replica region.',
      status: 400,
    });
    expect(await awsError(() => createSecret(server.sm(), { Name: 'own', SecretString: 'v', AddReplicaRegions: [{ Region: 'us-east-1' }] }))).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid replica region.',
      status: 400,
    });
    // Only a replicated secret has a primary Region to filter on.
    const primaries = await server.sm().send(new ListSecretsCommand({ Filters: [{ Key: 'primary-region', Values: ['us-east-1'] }] }));
    expect(primaries.SecretList!.map((e) => [e.Name, e.PrimaryRegion])).toEqual([['s', 'us-east-1']]);
    expect(await awsError(() => replicate('s', ['eu-west-1']))).toEqual({
      name: 'InvalidParameterException',
      message: "Invalid replica Region: eu-west-1. A secret can't be replicated twice to the same Region.",
      status: 400,
    });
    expect(await awsError(() => replicate('nope', ['eu-west-2']))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => replicate(name, ['eu-west-2']))).toEqual(INVALID_NAME);
    expect(await awsError(() => replicate('s', ['Mars']))).toMatchObject({ name: 'ValidationException' });
    await createSecret(server.sm(), { Name: 'd', SecretString: 'v' });
    await server.sm().send(new DeleteSecretCommand({ SecretId: 'd' }));
    expect(await awsError(() => replicate('d', ['eu-west-2']))).toEqual(MARKED_FOR_DELETION);
  });
});
