// The IAM directory and its `iam` seed section: every mistake refused naming the file and the
// entry, stable ids, several files merging, the default `test` key and how to turn it off, and
// temporary credentials that live in their sealed token.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenerateRandomCommand, KMSClient } from '@aws-sdk/client-kms';
import { createDirectory, type Directory } from '../../src/auth/directory';
import { iamSeeder } from '../../src/auth/seed';
import { loadSeedFile } from '../../src/seed';
import { newRootKey, Sealer } from '../../src/store/sealing';
import { awsError, REGION, startServer } from '../helpers/server';

const defaults = { accountId: '000000000000', region: 'us-east-1' };
const TRUST = '{ Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "sts:AssumeRole" }] }';
const READ = '{ Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "secretsmanager:GetSecretValue", Resource: "*" }] }';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-iam-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(text: string): string {
  const path = join(dir, `seed-${++files}.yaml`);
  writeFileSync(path, text);
  return path;
}

function directory(): Directory {
  return createDirectory({ sealer: new Sealer(newRootKey()), defaultAccount: defaults.accountId });
}

async function seed(target: Directory, ...texts: string[]): Promise<void> {
  for (const text of texts) await loadSeedFile(file(text), { iam: iamSeeder(target) }, defaults);
}

const now = new Date();

describe('the iam seed section', () => {
  it('declares users, roles and account roots with stable ids', async () => {
    const text = `iam:
  accounts:
    - id: "111122223333"
      rootAccessKeys: [{ accessKeyId: AKIAROOT000000000001, secretAccessKey: s0 }]
  users:
    - name: alice
      account: "111122223333"
      path: /team/
      accessKeys: [{ accessKeyId: AKIAALICE00000000001, secretAccessKey: s1 }]
      policies: [{ name: read, document: ${READ} }]
      tags: { team: blue }
  roles:
    - name: reader
      trustPolicy: ${TRUST}
      policies: [{ name: read, document: '{"Statement":{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}}' }]
      maxSessionDuration: 7200
`;
    const a = directory();
    const b = directory();
    await seed(a, text);
    await seed(b, text);

    const alice = a.owner('AKIAALICE00000000001', undefined, now)!;
    expect(alice.secretAccessKey).toBe('s1');
    expect(alice.principal).toEqual({
      accessKeyId: 'AKIAALICE00000000001',
      accountId: '111122223333',
      type: 'IAMUser',
      arn: 'arn:aws:iam::111122223333:user/team/alice',
      principalArn: 'arn:aws:iam::111122223333:user/team/alice',
      principalId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
      tags: { team: 'blue' },
    });
    expect(b.owner('AKIAALICE00000000001', undefined, now)!.principal.principalId).toBe(alice.principal.principalId);
    expect(a.identityPolicies(alice.principal)).toEqual([{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }]);

    const root = a.owner('AKIAROOT000000000001', undefined, now)!;
    expect(root.principal).toMatchObject({ type: 'Root', accountId: '111122223333', arn: 'arn:aws:iam::111122223333:root' });
    expect(a.identityPolicies(root.principal)).toEqual([]);
    expect(a.accountOfKey('AKIAROOT000000000001')).toBe('111122223333');

    const role = a.role('arn:aws:iam::000000000000:role/reader')!;
    expect(role).toMatchObject({ name: 'reader', accountId: '000000000000', maxSessionDuration: 7200, tags: {} });
    expect(role.roleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(b.role(role.arn)!.roleId).toBe(role.roleId);
    expect(role.trustPolicy.Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::444455556666:root' });
  });

  it('merges several files, and refuses what two of them declare', async () => {
    const target = directory();
    await seed(
      target,
      'iam:\n  users: [{ name: a, accessKeys: [{ accessKeyId: AKIAAAAAAAAAAAAAAAA1, secretAccessKey: x }] }]\n',
      'iam:\n  users: [{ name: b, accessKeys: [{ accessKeyId: AKIABBBBBBBBBBBBBBB1, secretAccessKey: y }] }]\n',
    );
    expect(target.owner('AKIAAAAAAAAAAAAAAAA1', undefined, now)!.principal.arn).toBe('arn:aws:iam::000000000000:user/a');
    expect(target.owner('AKIABBBBBBBBBBBBBBB1', undefined, now)!.principal.arn).toBe('arn:aws:iam::000000000000:user/b');
    const twice = file('iam:\n  users: [{ name: c, accessKeys: [{ accessKeyId: AKIAAAAAAAAAAAAAAAA1, secretAccessKey: z }] }]\n');
    await expect(loadSeedFile(twice, { iam: iamSeeder(target) }, defaults)).rejects.toThrow(`seed ${twice}: iam user c: access key AKIAAAAAAAAAAAAAAAA1 is declared twice`);
    const again = file('iam:\n  users: [{ name: a }]\n');
    await expect(loadSeedFile(again, { iam: iamSeeder(target) }, defaults)).rejects.toThrow(`seed ${again}: iam user a: arn:aws:iam::000000000000:user/a is declared twice`);
  });

  it.each([
    ['an unknown field', 'iam:\n  groups: []\n', "iam section: unknown field 'groups' (known: defaultCredentials, accounts, users, roles)"],
    ['a defaultCredentials that is not a boolean', 'iam:\n  defaultCredentials: "no"\n', 'iam section: defaultCredentials must be true or false'],
    ['an account id that is not 12 digits', 'iam:\n  accounts: [{ id: "1234" }]\n', "iam account 1234: id must be 12 digits, got '1234'"],
    ['an unquoted account id', 'iam:\n  users: [{ name: a, account: 111122223333 }]\n', 'iam user a: account must be a string (quote it)'],
    ['a user name IAM refuses', 'iam:\n  users: [{ name: "a b" }]\n', "iam user a b: name must be 1 to 64 letters, digits or +=,.@_-, got 'a b'"],
    ['a user without a name', 'iam:\n  users: [{ path: / }]\n', 'iam users[0]: name is required'],
    ['a path without its slashes', 'iam:\n  users: [{ name: a, path: team }]\n', "iam user a: path must be / or begin and end with / (printable ASCII, at most 512 characters), got 'team'"],
    ['an access key id too short', 'iam:\n  users: [{ name: a, accessKeys: [{ accessKeyId: AKIA1, secretAccessKey: x }] }]\n', "iam user a: accessKeyId must be 16 to 128 letters, digits or _, got 'AKIA1'"],
    ['an access key id of STS', 'iam:\n  users: [{ name: a, accessKeys: [{ accessKeyId: ASIAAAAAAAAAAAAAAAAA, secretAccessKey: x }] }]\n', 'iam user a: accessKeyId ASIAAAAAAAAAAAAAAAAA: ASIA… ids are temporary credentials, which STS issues'],
    ['an access key without a secret', 'iam:\n  users: [{ name: a, accessKeys: [{ accessKeyId: AKIAAAAAAAAAAAAAAAAA }] }]\n', 'iam user a: accessKeys[0] secretAccessKey is required'],
    ['the test key while it is the default', 'iam:\n  users: [{ name: a, accessKeys: [{ accessKeyId: test, secretAccessKey: x }] }]\n', "iam user a: access key test is the default credentials' (set defaultCredentials: false to declare it)"],
    ['an identity policy with a Principal', `iam:\n  users: [{ name: a, policies: [{ name: p, document: ${TRUST} }] }]\n`, 'iam user a: policy p: Policy document should not specify a principal.'],
    ['an identity policy that is not valid', 'iam:\n  users: [{ name: a, policies: [{ name: p, document: "{" }] }]\n', 'iam user a: policy p: The policy is not valid JSON.'],
    ['a policy declared twice', `iam:\n  users: [{ name: a, policies: [{ name: p, document: ${READ} }, { name: p, document: ${READ} }] }]\n`, 'iam user a: policy p is declared twice'],
    ['a role without a trust policy', 'iam:\n  roles: [{ name: r }]\n', 'iam role r: trustPolicy is required'],
    ['a trust policy without a Principal', `iam:\n  roles: [{ name: r, trustPolicy: ${READ} }]\n`, 'iam role r: trustPolicy: '],
    ['a maxSessionDuration out of range', `iam:\n  roles: [{ name: r, trustPolicy: ${TRUST}, maxSessionDuration: 60 }]\n`, 'iam role r: maxSessionDuration must be a whole number of seconds from 3600 to 43200, got 60'],
    ['tags that are not a mapping', 'iam:\n  users: [{ name: a, tags: [x] }]\n', 'iam user a: tags must be a mapping of key: value'],
  ])('refuses %s, naming the file and the entry', async (_, text, message) => {
    const path = file(text);
    await expect(loadSeedFile(path, { iam: iamSeeder(directory()) }, defaults)).rejects.toThrow(`seed ${path}: ${message}`);
  });
});

describe('the default credentials', () => {
  it('make test/test the root of the default account, until a seed says defaultCredentials: false', async () => {
    const target = directory();
    expect(target.owner('test', undefined, now)).toMatchObject({ secretAccessKey: 'test', principal: { type: 'Root', arn: 'arn:aws:iam::000000000000:root' } });
    await seed(target, 'iam:\n  users: [{ name: a }]\n', 'iam:\n  defaultCredentials: false\n  users: [{ name: b, accessKeys: [{ accessKeyId: test, secretAccessKey: other }] }]\n');
    expect(target.defaultCredentials).toBe(false);
    expect(target.owner('test', undefined, now)).toMatchObject({ secretAccessKey: 'other', principal: { type: 'IAMUser' } });
  });

  it('are refused in verify mode once turned off', async () => {
    const path = file('iam:\n  defaultCredentials: false\n');
    const server = await startServer({ auth: 'verify', seeds: [path] });
    const client = new KMSClient({ endpoint: server.url, region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      expect(await awsError(() => client.send(new GenerateRandomCommand({ NumberOfBytes: 8 })))).toEqual({
        name: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
        status: 400,
      });
    } finally {
      client.destroy();
      await server.close();
    }
  });
});

describe('temporary credentials', () => {
  it('carry their principal, secret and expiry in the token, and the account in the key id', () => {
    const target = directory();
    const principal = { accessKeyId: 'AKIAALICE00000000001', accountId: '111122223333', type: 'IAMUser' as const, arn: 'arn:aws:iam::111122223333:user/a', principalArn: 'arn:aws:iam::111122223333:user/a', principalId: 'AIDAEXAMPLE' };
    const expiration = new Date(now.getTime() + 3600_000);
    const creds = target.issue(principal, expiration);
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.secretAccessKey).toHaveLength(40);
    expect(creds.expiration).toEqual(expiration);
    expect(target.owner(creds.accessKeyId, creds.sessionToken, now)).toEqual({ secretAccessKey: creds.secretAccessKey, principal: { ...principal, accessKeyId: creds.accessKeyId } });
    expect(target.accountOfKey(creds.accessKeyId)).toBe('111122223333');
    expect(target.owner(creds.accessKeyId, undefined, now)).toBeUndefined();
    expect(() => target.owner(creds.accessKeyId, creds.sessionToken, expiration)).toThrow('The security token included in the request is expired');
    expect(() => directory().owner(creds.accessKeyId, creds.sessionToken, now)).toThrow('The security token included in the request is invalid.');
  });
});
