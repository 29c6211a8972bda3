// The agent port: the Secrets Manager Agent's and the Parameters and Secrets Lambda extension's
// local interface, read as a client of either sends its requests (plain GETs with the token
// header), with the statuses and bodies the agent answers (aws/aws-secretsmanager-agent).
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { send, type Reply } from '../http/raw';
import { startServer, useServer } from '../helpers/server';

const TOKEN = 'agent-test-token';
const server = useServer({ options: { agentPort: 0, agentToken: TOKEN } });
const agentUrl = () => server.strongroom.agentUrl!;

function get(path: string, headers: Record<string, string> = { 'X-Aws-Parameters-Secrets-Token': TOKEN }, method = 'GET'): Promise<Reply> {
  return send(agentUrl(), { method, path, headers });
}

let first: string;
let second: string;
beforeAll(async () => {
  const sm = server.sm();
  const created = await sm.send(new CreateSecretCommand({ Name: 'team/db', SecretString: '{"password":"one"}' }));
  first = created.VersionId!;
  second = (await sm.send(new PutSecretValueCommand({ SecretId: 'team/db', SecretString: '{"password":"two"}' }))).VersionId!;
  await sm.send(new CreateSecretCommand({ Name: 'signing-key', SecretBinary: Buffer.from([0, 1, 2, 250, 251]) }));
});

describe('reading a secret', () => {
  it("answers GetSecretValue's result as the agent serializes it", async () => {
    const res = await get('/secretsmanager/get?secretId=team%2Fdb');
    expect(res.status).toBe(200);
    const sdk = await server.sm().send(new GetSecretValueCommand({ SecretId: 'team/db' }));
    // The agent's field order; CreatedDate a string of epoch seconds.
    expect(res.text).toBe(
      JSON.stringify({
        ARN: sdk.ARN,
        Name: 'team/db',
        VersionId: second,
        SecretString: '{"password":"two"}',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: String(sdk.CreatedDate!.getTime() / 1000),
      }),
    );
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reads by the /v1/ path, the id as sent (slashes unencoded)', async () => {
    const res = await get('/v1/team/db');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ Name: 'team/db', VersionId: second });
  });

  it('reads a version by versionStage, by versionId, or both', async () => {
    expect((await get('/secretsmanager/get?secretId=team/db&versionStage=AWSPREVIOUS')).json).toMatchObject({ VersionId: first, SecretString: '{"password":"one"}', VersionStages: ['AWSPREVIOUS'] });
    expect((await get(`/v1/team/db?versionId=${first}`)).json).toMatchObject({ VersionId: first, SecretString: '{"password":"one"}' });
    expect((await get(`/v1/team/db?versionId=${second}&versionStage=AWSCURRENT&refreshNow=true`)).json).toMatchObject({ VersionId: second });
  });

  it('answers a binary secret in base64, without SecretString', async () => {
    const res = await get('/secretsmanager/get?secretId=signing-key');
    expect(res.json).toMatchObject({ Name: 'signing-key', SecretBinary: Buffer.from([0, 1, 2, 250, 251]).toString('base64') });
    expect(res.json).not.toHaveProperty('SecretString');
  });

  it('reflects a write at once (no cache)', async () => {
    await server.sm().send(new CreateSecretCommand({ Name: 'fresh', SecretString: 'v1' }));
    expect((await get('/v1/fresh')).json).toMatchObject({ SecretString: 'v1' });
    await server.sm().send(new PutSecretValueCommand({ SecretId: 'fresh', SecretString: 'v2' }));
    expect((await get('/v1/fresh')).json).toMatchObject({ SecretString: 'v2' });
  });

  it('takes the token from X-Vault-Token too, as the agent does', async () => {
    expect((await get('/v1/team/db', { 'X-Vault-Token': TOKEN })).status).toBe(200);
  });

  it('is a GetSecretValue call in the audit trail, by the root of the default account', async () => {
    await get('/secretsmanager/get?secretId=signing-key');
    const events = [];
    for await (const e of server.strongroom.trail.export({ eventName: 'GetSecretValue' })) if (e.requestParameters?.secretId === 'signing-key') events.push(e);
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ eventSource: 'secretsmanager.amazonaws.com', awsRegion: 'us-east-1', userIdentity: { type: 'Root', accountId: '000000000000' } });
  });
});

describe('errors as the agent answers them', () => {
  it('forwards the AWS error with its status', async () => {
    const res = await get('/secretsmanager/get?secretId=missing');
    expect(res.status).toBe(400);
    expect(res.text).toBe('{"__type":"ResourceNotFoundException", "message":"Secrets Manager can\'t find the specified secret."}');
    const stage = await get('/v1/team/db?versionStage=NOPE');
    expect(stage.status).toBe(400);
    expect(stage.json).toEqual({ __type: 'ResourceNotFoundException', message: expect.any(String) });
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { 'X-Aws-Parameters-Secrets-Token': 'wrong' }],
    ['an empty token', { 'X-Aws-Parameters-Secrets-Token': '' }],
  ])('refuses a request with %s: 403 Bad Token', async (_, headers) => {
    const res = await get('/secretsmanager/get?secretId=team/db', headers);
    expect([res.status, res.text]).toEqual([403, 'Bad Token']);
    // Before the route: an unknown path without a token is refused the same way.
    expect((await get('/nope', headers)).status).toBe(403);
  });

  it('refuses a forwarded request (X-Forwarded-For) even with the token: 400 Forwarded', async () => {
    const res = await get('/v1/team/db', { 'X-Aws-Parameters-Secrets-Token': TOKEN, 'X-Forwarded-For': '10.0.0.1' });
    expect([res.status, res.text]).toEqual([400, 'Forwarded']);
  });

  it.each([
    ['/secretsmanager/get', 400, 'missing parameter secretId'],
    ['/secretsmanager/get?secretId=', 400, 'missing parameter secretId'],
    ['/v1/', 400, 'missing secret ID'],
    ['/v1/team/db?secretId=x', 400, 'unknown parameter: secretId'],
    ['/secretsmanager/get?secretId=team/db&abc=1', 400, 'unknown parameter: abc'],
    ['/secretsmanager/get?secretId=team/db&refreshNow=yes', 400, 'invalid refreshNow value'],
    ['/secretsmanager/list', 404, 'Not found'],
  ])('GET %s: %i %s', async (path, status, text) => {
    const res = await get(path);
    expect([res.status, res.text]).toEqual([status, text]);
  });

  it('answers methods other than GET 405', async () => {
    const res = await get('/v1/team/db', { 'X-Aws-Parameters-Secrets-Token': TOKEN }, 'POST');
    expect([res.status, res.text]).toEqual([405, 'Not allowed']);
  });

  it('says Parameter Store is not emulated', async () => {
    const res = await get('/systemsmanager/parameters/get?name=%2Fapp%2Fkey');
    expect(res.status).toBe(501);
    expect(res.text).toContain('not Systems Manager Parameter Store');
  });

  it('answers /ping without a token', async () => {
    const res = await get('/ping', {});
    expect([res.status, res.text]).toEqual([200, 'healthy']);
  });
});

describe('what a web page could send', () => {
  const withToken = (headers: Record<string, string>) => ({ 'X-Aws-Parameters-Secrets-Token': TOKEN, ...headers });

  it('refuses a request from another web origin, even with the token, and sends no CORS header', async () => {
    const res = await get('/v1/team/db', withToken({ origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    expect(res.text).toContain("the web origin 'https://evil.example'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const referred = await get('/v1/team/db', withToken({ referer: 'https://evil.example/page' }));
    expect(referred.status).toBe(403);
  });

  it("fails a page's preflight, from any origin: the token header can never be sent", async () => {
    for (const origin of ['https://evil.example', 'http://localhost:3000']) {
      const res = await get('/v1/team/db', { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-aws-parameters-secrets-token' }, 'OPTIONS');
      expect(res.status).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-headers']).toBeUndefined();
    }
  });

  it('refuses a host name a web site could re-point here (DNS rebinding)', async () => {
    const { port } = new URL(agentUrl());
    const res = await get('/v1/team/db', withToken({ host: `rebind.evil.example:${port}` }));
    expect(res.status).toBe(403);
    expect(res.text).toContain("the host name 'rebind.evil.example'");
    expect((await get('/v1/team/db', withToken({ host: `localhost:${port}` }))).status).toBe(200);
  });
});

describe('the Lambda extension flavor', () => {
  it("answers the extension's JSON: every field, absent ones null, CreatedDate in RFC 3339", async () => {
    const extension = await startServer({ agentPort: 0, agentToken: TOKEN, agentFlavor: 'extension' });
    try {
      const sm = extension.sm();
      await sm.send(new CreateSecretCommand({ Name: 'api-key', SecretString: 'k' }));
      await sm.send(new CreateSecretCommand({ Name: 'blob', SecretBinary: Buffer.from('hi') }));
      const sdk = await sm.send(new GetSecretValueCommand({ SecretId: 'api-key' }));
      const res = await send(extension.strongroom.agentUrl!, { method: 'GET', path: '/secretsmanager/get?secretId=api-key', headers: { 'X-Aws-Parameters-Secrets-Token': TOKEN } });
      expect(res.status).toBe(200);
      // Go's field order; CreatedDate's text on fixed dates is in answers.test.ts.
      expect(Object.keys(res.json!)).toEqual(['ARN', 'CreatedDate', 'Name', 'SecretBinary', 'SecretString', 'VersionId', 'VersionStages', 'ResultMetadata']);
      expect(res.json).toEqual({ ARN: sdk.ARN, CreatedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/), Name: 'api-key', SecretBinary: null, SecretString: 'k', VersionId: sdk.VersionId, VersionStages: ['AWSCURRENT'], ResultMetadata: {} });
      expect(new Date(res.json!.CreatedDate as string)).toEqual(sdk.CreatedDate);
      const blob = await send(extension.strongroom.agentUrl!, { method: 'GET', path: '/secretsmanager/get?secretId=blob', headers: { 'X-Aws-Parameters-Secrets-Token': TOKEN } });
      expect(blob.json).toMatchObject({ SecretBinary: Buffer.from('hi').toString('base64'), SecretString: null });
    } finally {
      await extension.close();
    }
  });
});

it('is off unless asked for', async () => {
  const plain = await startServer();
  try {
    expect(plain.strongroom.agentUrl).toBeUndefined();
  } finally {
    await plain.close();
  }
});
