// What each Secrets Manager operation needs to be allowed (src/services/secretsmanager/
// authorization.ts), against AWS's Service Authorization Reference.
import { loadModel } from '../../src/protocol/model';
import { ACCOUNT, OTHER, REGION, startServices, summary, type Services } from './targets-helpers';

let s: Services;
let arn: string;
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
const nameArn = (name: string, account = ACCOUNT) => `arn:aws:secretsmanager:${REGION}:${account}:secret:${name}`;

beforeAll(async () => {
  s = await startServices();
  ({ ARN: arn } = await s.call<{ ARN: string }>('secretsmanager', 'CreateSecret', { Name: 'app/db', SecretString: 'v', Tags: [{ Key: 'Team', Value: 'blue' }] }));
  await s.call('secretsmanager', 'PutResourcePolicy', { SecretId: arn, ResourcePolicy: POLICY });
});
afterAll(() => s.close());

describe('the action and resource of every operation', () => {
  const id = { SecretId: 'app/db' };
  const table: [string, Record<string, unknown>, string[]][] = [
    ['BatchGetSecretValue', { Filters: [{ Key: 'name', Values: ['app'] }] }, ['BatchGetSecretValue', 'ListSecrets']],
    ['CancelRotateSecret', id, ['CancelRotateSecret']],
    ['DeleteResourcePolicy', id, ['DeleteResourcePolicy']],
    ['DeleteSecret', id, ['DeleteSecret']],
    ['DescribeSecret', id, ['DescribeSecret']],
    ['GetRandomPassword', {}, ['GetRandomPassword']],
    ['GetResourcePolicy', id, ['GetResourcePolicy']],
    ['GetSecretValue', id, ['GetSecretValue']],
    ['ListSecrets', {}, ['ListSecrets']],
    ['ListSecretVersionIds', id, ['ListSecretVersionIds']],
    ['PutResourcePolicy', { ...id, ResourcePolicy: POLICY }, ['PutResourcePolicy']],
    ['PutSecretValue', { ...id, SecretString: 'x' }, ['PutSecretValue']],
    ['RemoveRegionsFromReplication', { ...id, RemoveReplicaRegions: ['eu-west-1'] }, ['RemoveRegionsFromReplication']],
    ['ReplicateSecretToRegions', { ...id, AddReplicaRegions: [{ Region: 'eu-west-1' }] }, ['ReplicateSecretToRegions']],
    ['RestoreSecret', id, ['RestoreSecret']],
    ['RotateSecret', id, ['RotateSecret']],
    ['StopReplicationToReplica', id, ['StopReplicationToReplica']],
    ['TagResource', { ...id, Tags: [] }, ['TagResource']],
    ['UntagResource', { ...id, TagKeys: [] }, ['UntagResource']],
    ['UpdateSecret', id, ['UpdateSecret']],
    ['UpdateSecretVersionStage', { ...id, VersionStage: 'X' }, ['UpdateSecretVersionStage']],
    ['ValidateResourcePolicy', { ResourcePolicy: POLICY }, ['ValidateResourcePolicy', 'PutResourcePolicy']],
  ];
  const ACCOUNT_WIDE = new Set(['BatchGetSecretValue', 'GetRandomPassword', 'ListSecrets', 'ValidateResourcePolicy']);

  test('the table covers every operation of the model', () => {
    expect([...table.map(([op]) => op), 'CreateSecret'].sort()).toEqual(Object.keys(loadModel('secretsmanager').operations).sort());
  });

  test.each(table)('%s', async (operation, input, actions) => {
    const targets = await s.targets('secretsmanager', operation, input);
    const resource = ACCOUNT_WIDE.has(operation) ? '*' : arn;
    expect(summary(targets)).toEqual(actions.map((a) => [`secretsmanager:${a}`, resource]));
    for (const t of targets) {
      expect(t.resourceAccount).toBe(ACCOUNT);
      if (resource === '*') expect(t.resourcePolicy).toBeUndefined();
      else expect([t.resourcePolicyKind, t.resourcePolicy?.Statement.length]).toEqual(['resource', 1]);
    }
  });

  test('CreateSecret: the ARN the new secret gets (name, hyphen, six characters), with TagResource and ReplicateSecretToRegions when asked', async () => {
    const targets = await s.targets('secretsmanager', 'CreateSecret', { Name: 'app/new', Description: 'd', KmsKeyId: 'alias/k', Tags: [{ Key: 'Env', Value: 'prod' }], AddReplicaRegions: [{ Region: 'eu-west-1' }] });
    expect(targets.map((t) => t.action)).toEqual(['secretsmanager:CreateSecret', 'secretsmanager:TagResource', 'secretsmanager:ReplicateSecretToRegions']);
    for (const t of targets) expect(t.resource).toMatch(new RegExp(`^${nameArn('app/new')}-[A-Za-z0-9]{6}$`));
    expect(targets[0].conditions).toMatchObject({
      'secretsmanager:name': ['app/new'],
      'secretsmanager:description': ['d'],
      'secretsmanager:kmskeyid': ['alias/k'],
      'secretsmanager:addreplicaregions': ['eu-west-1'],
      'aws:requesttag/env': ['prod'],
      'aws:tagkeys': ['Env'],
    });
  });

  test('BatchGetSecretValue with SecretIdList: GetSecretValue on each listed secret', async () => {
    const targets = await s.targets('secretsmanager', 'BatchGetSecretValue', { SecretIdList: ['app/db', 'missing'] });
    expect(summary(targets)).toEqual([
      ['secretsmanager:BatchGetSecretValue', '*'],
      ['secretsmanager:GetSecretValue', arn],
      ['secretsmanager:GetSecretValue', nameArn('missing')],
    ]);
  });

  test('ValidateResourcePolicy with a SecretId checks the secret', async () => {
    expect(summary(await s.targets('secretsmanager', 'ValidateResourcePolicy', { SecretId: 'app/db', ResourcePolicy: POLICY }))).toEqual([
      ['secretsmanager:ValidateResourcePolicy', arn],
      ['secretsmanager:PutResourcePolicy', arn],
    ]);
  });
});

describe('resolving secrets as the handlers do', () => {
  test.each([['name', () => 'app/db'], ['partial ARN', () => nameArn('app/db')], ['full ARN', () => arn]])('by %s', async (_, secretId) => {
    const [t] = await s.targets('secretsmanager', 'DescribeSecret', { SecretId: secretId() });
    expect(t.resource).toBe(arn);
  });

  test('a secret that does not exist: its name as an ARN without suffix (or the ARN given), no policy', async () => {
    const [byName] = await s.targets('secretsmanager', 'GetSecretValue', { SecretId: 'app/missing' });
    expect([byName.resource, byName.resourceAccount, byName.resourcePolicy]).toEqual([nameArn('app/missing'), ACCOUNT, undefined]);
    expect(byName.conditions['secretsmanager:secretid']).toEqual([nameArn('app/missing')]);
    const given = `${nameArn('app/missing', OTHER)}-AbCdEf`;
    const [byArn] = await s.targets('secretsmanager', 'GetSecretValue', { SecretId: given });
    expect([byArn.resource, byArn.resourceAccount]).toEqual([given, OTHER]);
  });

  test("another account's secret by ARN: its account and its resource policy", async () => {
    const { ARN } = await s.call<{ ARN: string }>('secretsmanager', 'CreateSecret', { Name: 'shared', SecretString: 'v' }, OTHER);
    await s.call('secretsmanager', 'PutResourcePolicy', { SecretId: ARN, ResourcePolicy: POLICY }, OTHER);
    const [t] = await s.targets('secretsmanager', 'GetSecretValue', { SecretId: ARN });
    expect([t.resource, t.resourceAccount, t.resourcePolicyKind]).toEqual([ARN, OTHER, 'resource']);
  });
});

describe('condition keys', () => {
  test('every secret target: its ARN, its tags under both prefixes, its primary Region', async () => {
    const [t] = await s.targets('secretsmanager', 'DescribeSecret', { SecretId: 'app/db' });
    expect(t.conditions).toMatchObject({
      'secretsmanager:secretid': [arn],
      'aws:resourcetag/team': ['blue'],
      'secretsmanager:resourcetag/team': ['blue'],
      'secretsmanager:secretprimaryregion': [REGION],
    });
  });

  test('GetSecretValue: VersionStage (AWSCURRENT by default) and VersionId', async () => {
    const [plain] = await s.targets('secretsmanager', 'GetSecretValue', { SecretId: 'app/db' });
    expect(plain.conditions['secretsmanager:versionstage']).toEqual(['AWSCURRENT']);
    const [byId] = await s.targets('secretsmanager', 'GetSecretValue', { SecretId: 'app/db', VersionId: 'v1' });
    expect([byId.conditions['secretsmanager:versionid'], byId.conditions['secretsmanager:versionstage']]).toEqual([['v1'], undefined]);
  });

  test.each([
    ['PutResourcePolicy', { ResourcePolicy: POLICY, BlockPublicPolicy: true }, { 'secretsmanager:blockpublicpolicy': ['true'] }],
    ['DeleteSecret', { RecoveryWindowInDays: 7 }, { 'secretsmanager:recoverywindowindays': ['7'], 'secretsmanager:forcedeletewithoutrecovery': ['false'] }],
    ['RotateSecret', { RotationLambdaARN: 'arn:aws:lambda:us-east-1:111122223333:function:f' }, { 'secretsmanager:rotationlambdaarn': ['arn:aws:lambda:us-east-1:111122223333:function:f'] }],
    ['ReplicateSecretToRegions', { AddReplicaRegions: [{ Region: 'eu-west-1' }, { Region: 'us-west-2' }] }, { 'secretsmanager:addreplicaregions': ['eu-west-1', 'us-west-2'] }],
    ['TagResource', { Tags: [{ Key: 'Env', Value: 'prod' }] }, { 'aws:requesttag/env': ['prod'], 'aws:tagkeys': ['Env'] }],
    ['UntagResource', { TagKeys: ['Team'] }, { 'aws:tagkeys': ['Team'] }],
  ])('%s', async (operation, input, expected) => {
    const [t] = await s.targets('secretsmanager', operation, { SecretId: 'app/db', ...input });
    expect(t.conditions).toMatchObject(expected);
  });
});
