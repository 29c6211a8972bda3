// STS on the same endpoint through the official SDK v3 client (AWS's query protocol: form-encoded
// requests, XML answers), in the default open mode: who the caller is, temporary credentials,
// the model's and STS's own validation errors, and the query protocol's own errors.
import {
  AssumeRoleCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials,
} from '@aws-sdk/client-sts';
import { ACCOUNT, authHeader, awsError, REGION, useServer } from '../../helpers/server';

const server = useServer();
const OTHER = '111122223333';
const ROLE = `arn:aws:iam::${OTHER}:role/app/reader`;

function sts(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = { accessKeyId: OTHER, secretAccessKey: 'test' }): STSClient {
  return new STSClient({ endpoint: server.url, region: REGION, credentials, maxAttempts: 1 });
}

const clients: STSClient[] = [];
afterAll(() => clients.forEach((c) => c.destroy()));
function client(credentials?: Parameters<typeof sts>[0]): STSClient {
  const c = sts(credentials);
  clients.push(c);
  return c;
}

/** Seconds from the emulated now until `expiration`, rounded. */
const secondsUntil = (expiration: Date | undefined) => Math.round((expiration!.getTime() - server.strongroom.clock.now().getTime()) / 1000);

const asSession = (c: Credentials) => ({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });

/** POSTs a form-encoded STS request, as the SDKs do, signed in the form open mode accepts. */
async function query(body: string, contentType = 'application/x-www-form-urlencoded; charset=utf-8'): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: authHeader(OTHER, REGION, 'sts'), 'x-amz-date': '20260101T000000Z' },
    body,
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('GetCallerIdentity', () => {
  it('in open mode is the root of the access key account: a 12-digit key is that account', async () => {
    const out = await client().send(new GetCallerIdentityCommand({}));
    expect({ UserId: out.UserId, Account: out.Account, Arn: out.Arn }).toEqual({ UserId: OTHER, Account: OTHER, Arn: `arn:aws:iam::${OTHER}:root` });
  });

  it('names the default account for any other key', async () => {
    const out = await client({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe(`arn:aws:iam::${ACCOUNT}:root`);
  });
});

describe('AssumeRole', () => {
  it('returns ASIA credentials of the role session, valid an hour by default on the emulated clock', async () => {
    const out = await client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'job-1' }));
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials!.SessionToken).toBeTruthy();
    expect(secondsUntil(out.Credentials!.Expiration)).toBeGreaterThan(3590);
    expect(secondsUntil(out.Credentials!.Expiration)).toBeLessThanOrEqual(3600);
    // The role path is not part of the session's ARN.
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${OTHER}:assumed-role/reader/job-1`);
    expect(out.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:job-1$/);
    // Without a session policy or tags AWS reports no packed size.
    expect(out.PackedPolicySize).toBeUndefined();
  });

  it('gives the same role the same role id', async () => {
    const a = await client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'a1' }));
    const b = await client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'b1' }));
    expect(a.AssumedRoleUser!.AssumedRoleId!.split(':')[0]).toBe(b.AssumedRoleUser!.AssumedRoleId!.split(':')[0]);
  });

  // Needs part 3 (sessions in the identity step): the session token names the role session.
  it("credentials' caller identity is the assumed-role session", async () => {
    const out = await client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'who-am-i' }));
    const me = await client(asSession(out.Credentials!)).send(new GetCallerIdentityCommand({}));
    expect({ UserId: me.UserId, Account: me.Account, Arn: me.Arn }).toEqual({ UserId: out.AssumedRoleUser!.AssumedRoleId, Account: OTHER, Arn: out.AssumedRoleUser!.Arn });
  });

  it('writes session names with = , . @ - as given (XML round trip)', async () => {
    const out = await client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'a=b,c.d@e-f_g+h' }));
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${OTHER}:assumed-role/reader/a=b,c.d@e-f_g+h`);
  });

  it('escapes what the answer echoes: a session name with < > & comes back in the message as sent', async () => {
    const name = 'x<y>&"z\'';
    expect(await awsError(() => client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: name })))).toEqual({
      name: 'ValidationError',
      message: `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      status: 400,
    });
  });

  it('takes DurationSeconds from 900 to the role maximum (3600 for a role the directory does not know)', async () => {
    const out = await client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'short', DurationSeconds: 900 }));
    expect(secondsUntil(out.Credentials!.Expiration)).toBeLessThanOrEqual(900);
    expect(await awsError(() => client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'short', DurationSeconds: 899 })))).toEqual({
      name: 'ValidationError',
      message: "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      status: 400,
    });
    expect(await awsError(() => client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'long', DurationSeconds: 3601 })))).toEqual({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      status: 400,
    });
    expect(await awsError(() => client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'long', DurationSeconds: 43201 })))).toEqual({
      name: 'ValidationError',
      message: "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
      status: 400,
    });
  });

  // Needs part 3 (sessions): a role session assuming a role is role chaining, at most an hour.
  it('limits role chaining to one hour', async () => {
    const first = await client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'first' }));
    const chained = client(asSession(first.Credentials!));
    expect(await awsError(() => chained.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/next`, RoleSessionName: 'second', DurationSeconds: 3601 })))).toEqual({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      status: 400,
    });
  });

  it('refuses an ARN that is not a role ARN, and a short one by the model', async () => {
    for (const arn of [`arn:aws:iam::${OTHER}:user/alice`, `arn:aws:iam::1234:role/alice`, `arn:aws:sts::${OTHER}:assumed-role/a/b`, `arn:aws:iam:us-east-1:${OTHER}:role/r`]) {
      expect(await awsError(() => client().send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'bad' })))).toEqual({ name: 'ValidationError', message: 'Request ARN is invalid', status: 400 });
    }
    expect(await awsError(() => client().send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:role', RoleSessionName: 'bad' })))).toEqual({
      name: 'ValidationError',
      message: "1 validation error detected: Value 'arn:aws:iam::1:role' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
      status: 400,
    });
  });

  it('refuses a RoleSessionName outside the model: too short, bad characters', async () => {
    expect(await awsError(() => client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'a' })))).toEqual({
      name: 'ValidationError',
      message: "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
      status: 400,
    });
    expect((await awsError(() => client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'my session' })))).message).toBe(
      "1 validation error detected: Value 'my session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });

  it('validates the session policy (MalformedPolicyDocument) and reports its packed size', async () => {
    expect(await awsError(() => client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'pol', Policy: '{"Version":' })))).toEqual({
      name: 'MalformedPolicyDocumentException',
      message: 'The policy is not in the valid JSON format.',
      status: 400,
    });
    const noEffect = JSON.stringify({ Version: '2012-10-17', Statement: [{ Action: 'kms:Decrypt', Resource: '*' }] });
    expect((await awsError(() => client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'pol', Policy: noEffect })))).name).toBe('MalformedPolicyDocumentException');
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
    const out = await client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'pol', Policy: policy, Tags: [{ Key: 'team', Value: 'blue' }] }));
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    expect(out.PackedPolicySize).toBeLessThanOrEqual(100);
  });

  it('returns SourceIdentity when given, and accepts ExternalId, PolicyArns and TransitiveTagKeys', async () => {
    const out = await client().send(
      new AssumeRoleCommand({
        RoleArn: ROLE,
        RoleSessionName: 'src',
        SourceIdentity: 'alice@example.com',
        ExternalId: 'ext-123',
        PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
        Tags: [{ Key: 'project', Value: 'x' }],
        TransitiveTagKeys: ['project'],
      }),
    );
    expect(out.SourceIdentity).toBe('alice@example.com');
  });
});

describe('GetSessionToken', () => {
  it('bounds DurationSeconds by the model: 900 to 129600', async () => {
    expect((await awsError(() => client({ accessKeyId: 'AKIDUSER', secretAccessKey: 'x' }).send(new GetSessionTokenCommand({ DurationSeconds: 899 })))).message).toBe(
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    expect((await awsError(() => client().send(new GetSessionTokenCommand({ DurationSeconds: 129601 })))).message).toBe(
      "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600",
    );
  });

  it("gives the root a session of at most an hour, whatever it asks for", async () => {
    const out = await client().send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA/);
    expect(secondsUntil(out.Credentials!.Expiration)).toBeLessThanOrEqual(3600);
    expect(secondsUntil(out.Credentials!.Expiration)).toBeGreaterThan(3590);
  });

  // Needs part 3 (sessions).
  it('refuses session credentials', async () => {
    const role = await client().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'gst' }));
    expect(await awsError(() => client(asSession(role.Credentials!)).send(new GetSessionTokenCommand({})))).toEqual({
      name: 'AccessDenied',
      message: 'Cannot call GetSessionToken with session credentials',
      status: 403,
    });
  });

  // Needs part 3 (sessions): the session is the root's own.
  it("session's caller identity is the root itself", async () => {
    const out = await client().send(new GetSessionTokenCommand({}));
    const me = await client(asSession(out.Credentials!)).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:iam::${OTHER}:root`);
  });
});

describe('GetAccessKeyInfo', () => {
  it('names the default account for a key the directory does not know', async () => {
    expect((await client().send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }))).Account).toBe(ACCOUNT);
  });

  // Needs part 3 (the directory knows the keys it issued).
  it('names the account of temporary credentials it issued', async () => {
    const out = await client().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::777788889999:role/r`, RoleSessionName: 'key-info' }));
    expect((await client().send(new GetAccessKeyInfoCommand({ AccessKeyId: out.Credentials!.AccessKeyId }))).Account).toBe('777788889999');
  });

  it('refuses a key id outside the model', async () => {
    expect((await awsError(() => client().send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIA-bad' })))).message).toBe(
      "2 validation errors detected: Value 'AKIA-bad' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16; Value 'AKIA-bad' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]*",
    );
  });
});

describe('the query protocol', () => {
  it('answers an operation Strongroom does not emulate with 501', async () => {
    expect(await awsError(() => client().send(new GetFederationTokenCommand({ Name: 'bob' })))).toEqual({
      name: 'NotImplementedException',
      message: 'Strongroom does not implement GetFederationToken yet.',
      status: 501,
    });
  });

  it('answers XML with the request id, as STS does', async () => {
    const res = await query('Action=GetCallerIdentity&Version=2011-06-15');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/xml');
    expect(res.text).toMatch(
      new RegExp(
        '^<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
          `<UserId>${OTHER}</UserId><Account>${OTHER}</Account><Arn>arn:aws:iam::${OTHER}:root</Arn></GetCallerIdentityResult>` +
          '<ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId></ResponseMetadata></GetCallerIdentityResponse>$',
      ),
    );
  });

  it('answers an unknown or missing Action, or another Version, with InvalidAction', async () => {
    const error = (message: string) =>
      new RegExp(
        `^<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${message}</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>$`,
      );
    expect(await query('Action=AssumeRoles&Version=2011-06-15')).toEqual({ status: 400, type: 'text/xml', text: expect.stringMatching(error('Could not find operation AssumeRoles for version 2011-06-15')) });
    expect((await query('Version=2011-06-15')).text).toMatch(error('Could not find operation  for version 2011-06-15'));
    expect((await query('Action=GetCallerIdentity&Version=2010-05-08')).text).toMatch(error('Could not find operation GetCallerIdentity for version 2010-05-08'));
    expect((await query('Action=GetCallerIdentity')).text).toMatch(error('Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED'));
  });

  it('refuses a body over 64 KiB with a bodiless 413', async () => {
    const res = await query(`Action=GetCallerIdentity&Version=2011-06-15&Pad=${'x'.repeat(64 * 1024)}`);
    expect({ status: res.status, text: res.text }).toEqual({ status: 413, text: '' });
  });

  it('refuses a credential scoped to another service with SignatureDoesNotMatch (403)', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: authHeader(OTHER, REGION, 'kms'), 'x-amz-date': '20260101T000000Z' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<Code>SignatureDoesNotMatch</Code><Message>Credential should be scoped to correct service: 'sts'. </Message>");
  });

  it('refuses an unsigned request with MissingAuthenticationToken (403)', async () => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>');
  });
});
