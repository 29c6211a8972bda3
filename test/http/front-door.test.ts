// The AWS front door on the wire: every error it answers before a handler runs, in AWS's order,
// with AWS's status, `__type`, message key and text, and the headers every answer carries.
import { CloudTrailClient, GetTrailCommand } from '@aws-sdk/client-cloudtrail';
import { CreateKeyCommand, GenerateRandomCommand } from '@aws-sdk/client-kms';
import { GetRandomPasswordCommand } from '@aws-sdk/client-secrets-manager';
import { awsError, REGION, TEST_CREDENTIALS, useServer } from '../helpers/server';
import { awsHeaders, send, type Reply, type SendOptions } from './raw';

const CLOUDTRAIL = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101';

const server = useServer();

const GENERATE = 'TrentService.GenerateRandom';
const PASSWORD = 'secretsmanager.GetRandomPassword';
const CREDENTIAL = 'AKIDEXAMPLE/20260101/us-east-1/kms/aws4_request';
const SIGNATURE = `Signature=${'0'.repeat(64)}`;

const post = (options: SendOptions) => send(server.url, options);
const aws = (target: string | undefined, body: string | Buffer = '{"NumberOfBytes":8}', headers: Record<string, string> = {}) =>
  post({ headers: { ...awsHeaders(target), ...headers }, body });
/** A request to GenerateRandom whose Authorization header is `authorization` (dated unless told). */
const signed = (authorization: string, headers: Record<string, string> = { 'x-amz-date': '20260101T000000Z' }) => {
  const { authorization: _, 'x-amz-date': __, ...rest } = awsHeaders(GENERATE);
  return post({ headers: { ...rest, authorization, ...headers }, body: '{"NumberOfBytes":8}' });
};

function expectError(res: Reply, status: number, body: Record<string, string>): void {
  expect(res.status).toBe(status);
  expect(res.json).toEqual(body);
  expect(res.headers['x-amzn-errortype']).toBe(body.__type);
  expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
  expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
}

describe('content type', () => {
  it.each([
    ['missing', undefined],
    ['text/plain', 'text/plain'],
    ['AWS JSON 1.0', 'application/x-amz-json-1.0'],
    // Form encoding is STS's query protocol (test/services/sts).
  ])('answers 404 UnknownOperationException without a message when the content type is %s', async (_, contentType) => {
    const { 'content-type': _ct, ...headers } = awsHeaders(GENERATE);
    const res = await post({ headers: contentType ? { ...headers, 'content-type': contentType } : headers, body: '{"NumberOfBytes":8}' });
    expectError(res, 404, { __type: 'UnknownOperationException' });
  });

  it.each(['application/x-amz-json-1.1', 'application/json', 'application/json; charset=utf-8', 'Application/X-Amz-Json-1.1;charset=UTF-8'])(
    'accepts %s',
    async (contentType) => {
      const res = await aws(GENERATE, '{"NumberOfBytes":8}', { 'content-type': contentType });
      expect(res.status).toBe(200);
      expect(Buffer.from(res.json!.Plaintext as string, 'base64')).toHaveLength(8);
    },
  );

  it('serves AWS requests on any path that ends in a slash', async () => {
    const res = await post({ path: '/some/prefix/', headers: awsHeaders(GENERATE), body: '{"NumberOfBytes":8}' });
    expect(res.status).toBe(200);
  });
});

describe('target', () => {
  it.each([
    ['missing', undefined],
    ['an unknown operation', 'TrentService.NoSuchOperation'],
    ['an unknown service', 'Nope_20170101.GenerateRandom'],
    ['a bare operation', 'GenerateRandom'],
    ["the other service's operation", 'secretsmanager.GenerateRandom'],
  ])('answers 400 UnknownOperationException without a message when the target is %s', async (_, target) => {
    expectError(await aws(target), 400, { __type: 'UnknownOperationException' });
  });
});

describe('JSON body', () => {
  it.each([
    ['invalid JSON', '{"NumberOfBytes":'],
    ['an empty body', ''],
    ['a number', '5'],
    ['a string', '"abc"'],
    ['true', 'true'],
    ['null', 'null'],
  ])('answers SerializationException without a message for %s', async (_, body) => {
    expectError(await aws(GENERATE, body), 400, { __type: 'SerializationException' });
  });

  it('answers a top-level array with a capital Message in both services', async () => {
    expectError(await aws(GENERATE, '[]'), 400, { __type: 'SerializationException', Message: 'Start of list found where not expected' });
    expectError(await aws(PASSWORD, '[1]'), 400, { __type: 'SerializationException', Message: 'Start of list found where not expected' });
  });

  it('parses the body before it looks at the target', async () => {
    expectError(await aws(undefined, '{'), 400, { __type: 'SerializationException' });
  });
});

describe('authentication', () => {
  it('answers MissingAuthenticationTokenException with a lowercase message in both services', async () => {
    for (const target of [GENERATE, PASSWORD]) {
      const { authorization: _, ...headers } = awsHeaders(target);
      const res = await post({ headers, body: '{}' });
      expectError(res, 400, { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    }
  });

  it('checks the target before the signature', async () => {
    const { authorization: _, ...headers } = awsHeaders('TrentService.Nope');
    expectError(await post({ headers, body: '{}' }), 400, { __type: 'UnknownOperationException' });
  });

  it('names every missing part of the Authorization header, then the header', async () => {
    const header = `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}`;
    expectError(await signed(header), 400, {
      __type: 'IncompleteSignatureException',
      message: `Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${header}`,
    });
  });

  it('lists every part and the date for a header that is not SigV4 at all', async () => {
    expectError(await signed('Bearer abc', {}), 400, {
      __type: 'IncompleteSignatureException',
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
        'Authorization=Bearer abc',
    });
  });

  it('requires an X-Amz-Date or a Date header', async () => {
    const header = `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host, ${SIGNATURE}`;
    expectError(await signed(header, {}), 400, {
      __type: 'IncompleteSignatureException',
      message: `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header}`,
    });
    expect((await signed(header, { date: new Date().toUTCString() })).status).toBe(200);
  });

  it('rejects a part without an equal sign', async () => {
    const header = `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders, ${SIGNATURE}`;
    expectError(await signed(header), 400, {
      __type: 'IncompleteSignatureException',
      message: `'SignedHeaders' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
    });
  });

  it('requires five slash-delimited credential elements', async () => {
    const header = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/kms, SignedHeaders=host, ${SIGNATURE}`;
    expectError(await signed(header), 400, {
      __type: 'IncompleteSignatureException',
      message: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20260101/us-east-1/kms'",
    });
  });

  it("rejects a credential scoped to another service, naming the target's", async () => {
    const kmsScoped = await aws(PASSWORD, '{}', awsHeaders(PASSWORD, 'kms'));
    expectError(kmsScoped, 400, { __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'secretsmanager'. " });
    const smScoped = await aws(GENERATE, '{"NumberOfBytes":8}', awsHeaders(GENERATE, 'secretsmanager'));
    expectError(smScoped, 400, { __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'kms'. " });
  });

  it('accepts presigned query authentication and names missing query parameters', async () => {
    const { authorization: _, 'x-amz-date': __, ...headers } = awsHeaders(GENERATE);
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': CREDENTIAL,
      'X-Amz-Date': '20260101T000000Z',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': '0'.repeat(64),
    });
    expect((await post({ path: `/?${query}`, headers, body: '{"NumberOfBytes":8}' })).status).toBe(200);
    query.delete('X-Amz-Signature');
    query.delete('X-Amz-Date');
    expectError(await post({ path: `/?${query}`, headers, body: '{"NumberOfBytes":8}' }), 400, {
      __type: 'IncompleteSignatureException',
      message:
        "AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.",
    });
  });

  it('takes the account from a 12-digit access key and the region from the credential scope', async () => {
    const own = await server.kms({ accessKeyId: '111122223333', region: 'eu-west-2' }).send(new CreateKeyCommand({}));
    expect(own.KeyMetadata!.Arn).toMatch(/^arn:aws:kms:eu-west-2:111122223333:key\//);
    const other = await server.kms({ accessKeyId: 'AKIAEXAMPLEKEY', region: 'ap-south-1' }).send(new CreateKeyCommand({}));
    expect(other.KeyMetadata!.Arn).toMatch(/^arn:aws:kms:ap-south-1:000000000000:key\//);
  });
});

describe('every answer', () => {
  it('carries a request id, the AWS JSON content type and a real-time Date even when the clock is moved', async () => {
    const moved = await send(server.url, { path: '/_strongroom/clock', headers: { 'content-type': 'application/json' }, body: '{"advanceSeconds":31536000}' });
    expect(moved.status).toBe(200);
    try {
      for (const res of [await aws(GENERATE), await aws(GENERATE, '{')]) {
        expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
        expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
        expect(Math.abs(Date.parse(res.headers.date!) - Date.now())).toBeLessThan(60_000);
      }
      const a = await aws(GENERATE);
      const b = await aws(GENERATE);
      expect(a.headers['x-amzn-requestid']).not.toBe(b.headers['x-amzn-requestid']);
    } finally {
      await send(server.url, { path: '/_strongroom/clock', headers: { 'content-type': 'application/json' }, body: '{"offsetSeconds":0}' });
    }
  });

  it('is JSON for routes that are not AWS requests', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/nothing/here'],
      ['POST', '/no-trailing-slash'],
      ['DELETE', '/_strongroom/health'],
    ]) {
      const res = await send(server.url, { method, path });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json).toEqual({ error: expect.stringContaining(`No route for ${method} ${path}`) });
    }
  });
});

describe('operations Strongroom does not implement yet', () => {
  it('answers 501 naming the operation, after validating the input', async () => {
    // KMS and Secrets Manager are whole; CloudTrail serves LookupEvents only.
    const trail = (body: string) => post({ headers: awsHeaders(`${CLOUDTRAIL}.GetTrail`, 'cloudtrail'), body });
    expectError(await trail('{"Name":"main"}'), 501, { __type: 'NotImplementedException', message: 'Strongroom does not implement GetTrail yet.' });
    expectError(await trail('{}'), 400, {
      __type: 'ValidationException',
      message: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    });
  });

  it('reaches SDK clients as a typed error, not a parse failure', async () => {
    const cloudtrail = new CloudTrailClient({ endpoint: server.url, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    expect(await awsError(() => cloudtrail.send(new GetTrailCommand({ Name: 'main' })))).toEqual({
      name: 'NotImplementedException',
      message: 'Strongroom does not implement GetTrail yet.',
      status: 501,
    });
  });
});

describe('SDK clients', () => {
  it('talk to both services through the front door', async () => {
    expect((await server.kms().send(new GenerateRandomCommand({ NumberOfBytes: 16 }))).Plaintext).toHaveLength(16);
    expect((await server.sm().send(new GetRandomPasswordCommand({ PasswordLength: 12 }))).RandomPassword).toHaveLength(12);
  });
});
