// Access control end to end, through the official SDK clients, in `enforce` mode (and one
// denial in `audit` mode): identity policies on secret paths, cross-account reads that need
// both sides, kms:EncryptionContext conditions, a role assumed through STS from another
// account, a grant for a principal with no policy. Principals come from a seed's `iam` section.
import { CreateAliasCommand, CreateGrantCommand, CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetSecretValueCommand, PutResourcePolicyCommand, RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { waitForJobs } from '../jobs/helpers';
import { useSeedFile } from '../helpers/seed-file';
import { startServer, awsError, type TestServer } from '../helpers/server';

const A = '111111111111';
const B = '222222222222';
const REGION = 'us-east-1';
const key = (id: string) => ({ accessKeyId: id, secretAccessKey: `${id}-secret` });
const ROOT_A = key('AKIAROOTAAAAAAAAAAAA');
const ROOT_B = key('AKIAROOTBBBBBBBBBBBB');
const ALICE = key('AKIAALICEAAAAAAAAAAA');
const BOB = key('AKIABOBBBBBBBBBBBBBB');
const CAROL = key('AKIACAROLBBBBBBBBBBB');
const DAVE = key('AKIADAVEAAAAAAAAAAAA');
const ROLE_ARN = `arn:aws:iam::${A}:role/decryptor`;
const LAMBDA_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const ROTATION_ACTIONS = ['secretsmanager:DescribeSecret', 'secretsmanager:GetRandomPassword', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'];

const policy = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

const seed = {
  iam: {
    defaultCredentials: false,
    accounts: [
      { id: A, rootAccessKeys: [ROOT_A] },
      { id: B, rootAccessKeys: [ROOT_B] },
    ],
    users: [
      {
        name: 'alice',
        account: A,
        accessKeys: [ALICE],
        policies: [{ name: 'app-secrets', document: policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:${REGION}:${A}:secret:app/*` }) }],
      },
      {
        name: 'bob',
        account: B,
        accessKeys: [BOB],
        policies: [{ name: 'read-all', document: policy({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'kms:Decrypt'], Resource: '*' }) }],
      },
      {
        name: 'carol',
        account: B,
        accessKeys: [CAROL],
        policies: [{ name: 'assume', document: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE_ARN }) }],
      },
      { name: 'dave', account: A, accessKeys: [DAVE] },
    ],
    roles: [
      {
        name: 'decryptor',
        account: A,
        trustPolicy: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'sts:AssumeRole' }),
      },
      // Rotation functions' execution roles: one may do what rotation needs, one may do nothing.
      { name: 'rotator', account: A, trustPolicy: LAMBDA_TRUST, policies: [{ name: 'rotate', document: policy({ Effect: 'Allow', Action: ROTATION_ACTIONS, Resource: '*' }) }] },
      { name: 'powerless', account: A, trustPolicy: LAMBDA_TRUST },
    ],
  },
  lambda: {
    functions: [
      { name: 'rotate-allowed', builtin: 'password', role: `arn:aws:iam::${A}:role/rotator` },
      { name: 'rotate-denied', builtin: 'password', role: `arn:aws:iam::${A}:role/powerless` },
    ],
  },
};

let server: TestServer;
const clients: { destroy(): void }[] = [];

function client<T extends { destroy(): void }>(Client: new (config: object) => T, credentials: object): T {
  // A copy: the SDK marks the credentials object it is given, and the seed is written from these.
  const made = new Client({ endpoint: server.url, region: REGION, credentials: { ...credentials }, maxAttempts: 1 });
  clients.push(made);
  return made;
}
const sm = (credentials: object) => client(SecretsManagerClient, credentials);
const kms = (credentials: object) => client(KMSClient, credentials);

const seedFile = useSeedFile(JSON.stringify(seed), 'seed.json');

/** The describe block's server, in `auth` mode with the seed's principals; its clients are destroyed with it. */
function useAuthServer(auth: 'enforce' | 'audit', logLevel: 'silent' | 'warn' = 'silent'): void {
  beforeAll(async () => {
    server = await startServer({ auth, seeds: [seedFile], accountId: A, logLevel });
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });
}

/** A customer key in account A whose policy keeps the account's delegation and adds `statements`. */
async function keyWith(...statements: object[]): Promise<string> {
  const doc = policy({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' }, ...statements);
  const out = await kms(ROOT_A).send(new CreateKeyCommand({ Policy: JSON.stringify(doc) }));
  return out.KeyMetadata!.Arn!;
}

describe('enforce mode', () => {
  useAuthServer('enforce');

  it('allows a user GetSecretValue on the secret path its policy names, and denies another path with AWS message', async () => {
    const root = sm(ROOT_A);
    await root.send(new CreateSecretCommand({ Name: 'app/db', SecretString: 'app-value' }));
    const other = await root.send(new CreateSecretCommand({ Name: 'billing/db', SecretString: 'billing-value' }));
    const alice = sm(ALICE);
    expect((await alice.send(new GetSecretValueCommand({ SecretId: 'app/db' }))).SecretString).toBe('app-value');
    expect(await awsError(() => alice.send(new GetSecretValueCommand({ SecretId: 'billing/db' })))).toEqual({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${A}:user/alice is not authorized to perform: secretsmanager:GetSecretValue on resource: ${other.ARN} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
      status: 400,
    });
    // In process, a key of the iam section acts as its user: the same decision.
    await expect(server.strongroom.call('secretsmanager', 'GetSecretValue', { SecretId: 'billing/db' }, { accessKeyId: ALICE.accessKeyId })).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  it('lets another account read a secret only when both its identity policy and the secret policy allow', async () => {
    const keyArn = await keyWith({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'kms:Decrypt', Resource: '*' });
    const root = sm(ROOT_A);
    const secret = await root.send(new CreateSecretCommand({ Name: 'shared/token', SecretString: 'shared-value', KmsKeyId: keyArn }));
    const bob = sm(BOB);
    expect(await awsError(() => bob.send(new GetSecretValueCommand({ SecretId: secret.ARN })))).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${B}:user/bob is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secret.ARN} because no resource-based policy allows the secretsmanager:GetSecretValue action`,
    });
    const allowB = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' });
    await root.send(new PutResourcePolicyCommand({ SecretId: secret.ARN, ResourcePolicy: JSON.stringify(allowB) }));
    expect((await bob.send(new GetSecretValueCommand({ SecretId: secret.ARN }))).SecretString).toBe('shared-value');
    // Carol's identity policy allows no secrets: the resource policy alone is not enough across accounts.
    expect(await awsError(() => sm(CAROL).send(new GetSecretValueCommand({ SecretId: secret.ARN })))).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${B}:user/carol is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secret.ARN} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
    });
  });

  it('answers Secrets Manager’s own error when the caller may read the secret but not decrypt with its key', async () => {
    // The key policy does not delegate to account B: bob's kms:Decrypt allow does not count.
    const doc = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' });
    const keyArn = (await kms(ROOT_A).send(new CreateKeyCommand({ Policy: JSON.stringify(doc) }))).KeyMetadata!.Arn!;
    const root = sm(ROOT_A);
    const secret = await root.send(new CreateSecretCommand({ Name: 'shared/locked', SecretString: 'locked', KmsKeyId: keyArn }));
    const allowB = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' });
    await root.send(new PutResourcePolicyCommand({ SecretId: secret.ARN, ResourcePolicy: JSON.stringify(allowB) }));
    expect(await awsError(() => sm(BOB).send(new GetSecretValueCommand({ SecretId: secret.ARN })))).toMatchObject({
      name: 'AccessDeniedException',
      message: 'Access to KMS is not allowed',
    });
  });

  it('evaluates kms:EncryptionContext conditions of a key policy', async () => {
    // The key policy also delegates to the account, so a denial names the identity side, as KMS does.
    const keyArn = await keyWith({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
      Action: ['kms:Encrypt', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:EncryptionContext:purpose': 'test' } },
    });
    const alice = kms(ALICE);
    const sealed = await alice.send(new EncryptCommand({ KeyId: keyArn, Plaintext: Buffer.from('hi'), EncryptionContext: { purpose: 'test' } }));
    const opened = await alice.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: { purpose: 'test' } }));
    expect(Buffer.from(opened.Plaintext!).toString()).toBe('hi');
    expect(await awsError(() => alice.send(new EncryptCommand({ KeyId: keyArn, Plaintext: Buffer.from('hi'), EncryptionContext: { purpose: 'prod' } })))).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${A}:user/alice is not authorized to perform: kms:Encrypt on resource: ${keyArn} because no identity-based policy allows the kms:Encrypt action`,
    });
  });

  it('takes condition keys every JavaScript object has (constructor, __proto__) as keys the request lacks', async () => {
    const allowAlice = (Condition: object) => ({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 'kms:Encrypt', Resource: '*', Condition });
    const absent = await keyWith(allowAlice({ StringEquals: { constructor: 'x' } }));
    const ifExists = await keyWith(allowAlice({ StringEqualsIfExists: { ['__proto__']: 'x' } }));
    const alice = kms(ALICE);
    expect(await awsError(() => alice.send(new EncryptCommand({ KeyId: absent, Plaintext: Buffer.from('hi') })))).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${A}:user/alice is not authorized to perform: kms:Encrypt on resource: ${absent} because no identity-based policy allows the kms:Encrypt action`,
    });
    expect((await alice.send(new EncryptCommand({ KeyId: ifExists, Plaintext: Buffer.from('hi') }))).KeyId).toBe(ifExists);
  });

  it('reads a key’s aliases for kms:ResourceAliases when a policy names that key', async () => {
    const keyArn = await keyWith({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
      Action: 'kms:Encrypt',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/orders' } },
    });
    const alice = kms(ALICE);
    const encrypt = () => alice.send(new EncryptCommand({ KeyId: keyArn, Plaintext: Buffer.from('x') }));
    expect(await awsError(encrypt)).toMatchObject({ name: 'AccessDeniedException' });
    await kms(ROOT_A).send(new CreateAliasCommand({ AliasName: 'alias/orders', TargetKeyId: keyArn }));
    expect((await encrypt()).KeyId).toBe(keyArn);
  });

  it('lets a role assumed through STS from another account decrypt with a key whose policy allows the role', async () => {
    const keyArn = await keyWith({ Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 'kms:Decrypt', Resource: '*' });
    const sealed = await kms(ROOT_A).send(new EncryptCommand({ KeyId: keyArn, Plaintext: Buffer.from('for the role') }));
    // Carol herself may not decrypt: the key policy names neither her nor her account.
    expect(await awsError(() => kms(CAROL).send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })))).toMatchObject({ name: 'AccessDeniedException' });
    const sts = client(STSClient, CAROL);
    const { Credentials: c, AssumedRoleUser } = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'carol-session' }));
    expect(AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${A}:assumed-role/decryptor/carol-session`);
    const role = kms({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
    const opened = await role.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }));
    expect(Buffer.from(opened.Plaintext!).toString()).toBe('for the role');
    // Bob is in the trusted account but has no sts:AssumeRole in his identity policy.
    expect(await awsError(() => client(STSClient, BOB).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'bob' })))).toMatchObject({ name: 'AccessDenied' });
  });

  it('lets a grant permit Decrypt to a principal with no policy at all, and nothing else', async () => {
    const keyArn = await keyWith();
    const root = kms(ROOT_A);
    const sealed = await root.send(new EncryptCommand({ KeyId: keyArn, Plaintext: Buffer.from('granted') }));
    const dave = kms(DAVE);
    expect(await awsError(() => dave.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob })))).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${A}:user/dave is not authorized to perform: kms:Decrypt on resource: ${keyArn} because no identity-based policy allows the kms:Decrypt action`,
    });
    await root.send(new CreateGrantCommand({ KeyId: keyArn, GranteePrincipal: `arn:aws:iam::${A}:user/dave`, Operations: ['Decrypt'] }));
    const opened = await dave.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob }));
    expect(Buffer.from(opened.Plaintext!).toString()).toBe('granted');
    expect(await awsError(() => dave.send(new EncryptCommand({ KeyId: keyArn, Plaintext: Buffer.from('x') })))).toMatchObject({ name: 'AccessDeniedException' });
  });
});

describe('rotation functions in enforce mode', () => {
  useAuthServer('enforce');

  async function rotate(name: string, fn: string): Promise<string> {
    const root = sm(ROOT_A);
    await root.send(new CreateSecretCommand({ Name: name, SecretString: 'before' }));
    await root.send(new RotateSecretCommand({ SecretId: name, RotationLambdaARN: `arn:aws:lambda:${REGION}:${A}:function:${fn}`, RotationRules: { AutomaticallyAfterDays: 30 } }));
    await waitForJobs(server);
    return (await root.send(new GetSecretValueCommand({ SecretId: name }))).SecretString!;
  }

  it('run as their execution role: a role its policy allows rotates the secret', async () => {
    expect(await rotate('rotation/allowed', 'rotate-allowed')).not.toBe('before');
  });

  it('run as their execution role: a role with no permission cannot, and the secret keeps its value', async () => {
    expect(await rotate('rotation/denied', 'rotate-denied')).toBe('before');
  });
});

describe('audit mode', () => {
  const lines: string[] = [];
  let write: jest.SpyInstance;
  beforeAll(async () => {
    write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterAll(() => write.mockRestore());
  useAuthServer('audit', 'warn');

  it('logs the denial enforce mode would answer, and lets the call through', async () => {
    const other = await sm(ROOT_A).send(new CreateSecretCommand({ Name: 'billing/db', SecretString: 'billing-value' }));
    const out = await sm(ALICE).send(new GetSecretValueCommand({ SecretId: 'billing/db' }));
    expect(out.SecretString).toBe('billing-value');
    const expected = `User: arn:aws:iam::${A}:user/alice is not authorized to perform: secretsmanager:GetSecretValue on resource: ${other.ARN} because no identity-based policy allows the secretsmanager:GetSecretValue action`;
    expect(lines.some((line) => line.includes('would deny') && line.includes(expected))).toBe(true);
  });
});
