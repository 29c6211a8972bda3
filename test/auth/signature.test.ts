// SigV4 verification in `verify` mode, through the official clients: the SDK for JavaScript v3,
// boto3 and the AWS CLI (as child processes). Good credentials pass; a wrong secret, an unknown
// key, a tampered body, a request signed 6 minutes ago, an expired presigned query and an
// expired session token each get AWS's error, exactly.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenerateRandomCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetRandomPasswordCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SignatureV4 } from '@smithy/signature-v4';
import { issueSession } from '../../src/auth/sessions';
import { Sha256 } from '../helpers/sha256';
import { rootPrincipal } from '../../src/pipeline/context';
import { Sealer } from '../../src/store/sealing';
import { awsToolEnv, runTool } from '../helpers/aws-tools';
import { advanceClock, awsError, REGION, resetClock, startServer, type TestServer } from '../helpers/server';
import { requireTool } from '../helpers/tools';

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const UNRECOGNIZED = 'The security token included in the request is invalid.';
const EXPIRED_TOKEN = 'The security token included in the request is expired';
const TIME = '(\\d{8}T\\d{6}Z)';
/** AWS's "Signature expired: <signed> is now earlier than <now - window> (<now> - <window>)". */
const SIGNATURE_EXPIRED = (window: string) => new RegExp(`^Signature expired: ${TIME} is now earlier than ${TIME} \\(${TIME} - ${window.replace('.', '\\.')}\\)$`);

const ALICE = { accessKeyId: 'AKIAALICE0000000001', secretAccessKey: 'alice-secret-0123456789' };
const ROOT = { accessKeyId: 'AKIAROOT11112222333', secretAccessKey: 'root-secret-0123456789' };
const ROOT_KEY = randomBytes(32);

const SEED = `
iam:
  accounts:
    - id: "111122223333"
      rootAccessKeys: [{ accessKeyId: ${ROOT.accessKeyId}, secretAccessKey: ${ROOT.secretAccessKey} }]
  users:
    - name: alice
      path: /team/
      accessKeys: [{ accessKeyId: ${ALICE.accessKeyId}, secretAccessKey: ${ALICE.secretAccessKey} }]
`;

let dir: string;
let server: TestServer;
const clients: { destroy(): void }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-sigv4-'));
  const seed = join(dir, 'iam.yaml');
  writeFileSync(seed, SEED);
  server = await startServer({ auth: 'verify', seeds: [seed], rootKey: ROOT_KEY.toString('hex') });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

function kms(credentials: Credentials, options: { systemClockOffset?: number } = {}): KMSClient {
  const client = new KMSClient({ endpoint: server.url, region: REGION, credentials, maxAttempts: 1, ...options });
  clients.push(client);
  return client;
}

const random = (client: KMSClient) => client.send(new GenerateRandomCommand({ NumberOfBytes: 16 }));

type Request = { query: Record<string, string>; headers: Record<string, string>; body: Uint8Array | string };

/** Changes `client`'s requests before they are signed (`build`), or after (`deserialize`: just before sending). */
function changing(client: KMSClient, step: 'build' | 'deserialize', change: (request: Request) => void): KMSClient {
  const middleware =
    <A extends { request: unknown }, R>(next: (args: A) => Promise<R>) =>
    (args: A) => {
      change(args.request as Request);
      return next(args);
    };
  if (step === 'build') client.middlewareStack.add(middleware, { step, priority: 'low', name: 'hostile-build' });
  else client.middlewareStack.add(middleware, { step, priority: 'low', name: 'hostile-deserialize' });
  return client;
}

const beforeSigning = (client: KMSClient, change: (request: Request) => void) => changing(client, 'build', change);
const afterSigning = (client: KMSClient, change: (request: Request) => void) => changing(client, 'deserialize', change);

describe('SDK v3', () => {
  it('passes good credentials: a seeded user, an account root, and the default test/test root', async () => {
    expect((await random(kms(ALICE))).Plaintext).toHaveLength(16);
    expect((await random(kms(ROOT))).Plaintext).toHaveLength(16);
    expect((await random(kms({ accessKeyId: 'test', secretAccessKey: 'test' }))).Plaintext).toHaveLength(16);
    const sm = new SecretsManagerClient({ endpoint: server.url, region: REGION, credentials: ALICE, maxAttempts: 1 });
    clients.push(sm);
    expect((await sm.send(new GetRandomPasswordCommand({ PasswordLength: 20 }))).RandomPassword).toHaveLength(20);
  });

  it('refuses a wrong secret with InvalidSignatureException', async () => {
    expect(await awsError(() => random(kms({ ...ALICE, secretAccessKey: 'not-the-secret' })))).toEqual({ name: 'InvalidSignatureException', message: MISMATCH, status: 400 });
  });

  it('refuses an unknown access key, and a temporary key without its token, with UnrecognizedClientException', async () => {
    expect(await awsError(() => random(kms({ accessKeyId: 'AKIAUNKNOWN00000000', secretAccessKey: 'x' })))).toEqual({ name: 'UnrecognizedClientException', message: UNRECOGNIZED, status: 400 });
    expect(await awsError(() => random(kms({ accessKeyId: 'ASIAAAAAAAAAAAAAAAAA', secretAccessKey: 'x' })))).toEqual({ name: 'UnrecognizedClientException', message: UNRECOGNIZED, status: 400 });
  });

  it('refuses a body changed after signing', async () => {
    const client = afterSigning(kms(ALICE), (request) => {
      const sent = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8');
      request.body = sent.replace('16', '17');
    });
    expect(await awsError(() => random(client))).toEqual({ name: 'InvalidSignatureException', message: MISMATCH, status: 400 });
  });

  it('refuses a request signed 6 minutes ago, naming both times', async () => {
    const { name, message } = await awsError(() => random(kms(ALICE, { systemClockOffset: -6 * 60_000 })));
    expect(name).toBe('InvalidSignatureException');
    const [, signed, earliest, now] = SIGNATURE_EXPIRED('5 min.').exec(message)!;
    expect(signed < earliest).toBe(true);
    expect(toMs(now) - toMs(earliest)).toBe(5 * 60_000);
  });

  it('refuses a request signed 6 minutes ahead', async () => {
    const { name, message } = await awsError(() => random(kms(ALICE, { systemClockOffset: 6 * 60_000 })));
    expect(name).toBe('InvalidSignatureException');
    expect(message).toMatch(new RegExp(`^Signature not yet current: ${TIME} is still later than ${TIME} \\(${TIME} \\+ 5 min\\.\\)$`));
  });
});

describe('hostile signatures', () => {
  it('verifies query parameters named as object members (toString, constructor, hasOwnProperty)', async () => {
    const client = beforeSigning(kms(ALICE), (request) => Object.assign(request.query, { toString: '1', constructor: 'x', hasOwnProperty: '' }));
    expect((await random(client)).Plaintext).toHaveLength(16);
    // They are sent and signed: changing one after signing is refused.
    afterSigning(client, (request) => Object.assign(request.query, { toString: '2' }));
    expect(await awsError(() => random(client))).toEqual({ name: 'InvalidSignatureException', message: MISMATCH, status: 400 });
  });

  it('reads an Authorization header in another layout than the SDK’s: parameters in any order, spaces around them', async () => {
    // The signature's first hex digit changed, or not.
    const relaid = (tampered: boolean) =>
      afterSigning(kms(ALICE), (request) => {
        const [, credential, signed, signature] = /Credential=(\S+), SignedHeaders=(\S+), Signature=(\S+)/.exec(request.headers.authorization)!;
        const given = tampered ? `${signature[0] === '0' ? '1' : '0'}${signature.slice(1)}` : signature;
        request.headers.authorization = `AWS4-HMAC-SHA256  Signature=${given} ,SignedHeaders=${signed},   Credential=${credential}`;
      });
    expect((await random(relaid(false))).Plaintext).toHaveLength(16);
    expect(await awsError(() => random(relaid(true)))).toEqual({ name: 'InvalidSignatureException', message: MISMATCH, status: 400 });
  });

  it('answers InvalidSignatureException, not a failure of its own, for signed-header names that are object members', async () => {
    for (const names of ['constructor;host;x-amz-date', '__proto__;host;x-amz-date', 'toString;valueOf;x-amz-date']) {
      const client = afterSigning(kms(ALICE), (request) => {
        request.headers.authorization = request.headers.authorization.replace(/SignedHeaders=[^,]+/, `SignedHeaders=${names}`);
      });
      expect(await awsError(() => random(client))).toEqual({ name: 'InvalidSignatureException', message: MISMATCH, status: 400 });
    }
  });
});

function toMs(basic: string): number {
  return Date.parse(basic.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
}

describe('presigned query', () => {
  /** POSTs GenerateRandom with its signature in the query string (SigV4 query authentication). */
  async function presigned(signingDate: Date, expiresIn: number, credentials: Credentials = ALICE): Promise<{ status: number; json: Record<string, unknown> }> {
    const url = new URL(server.url);
    const body = '{"NumberOfBytes":8}';
    const headers = { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.GenerateRandom' };
    const signer = new SignatureV4({ credentials, region: REGION, service: 'kms', sha256: Sha256 });
    const request = await signer.presign(
      { method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers, body },
      { signingDate, expiresIn, unhoistableHeaders: new Set(['x-amz-target']) },
    );
    const query = Object.entries(request.query ?? {})
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    const res = await fetch(`${server.url}/?${query}`, { method: 'POST', headers: request.headers, body });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it('works', async () => {
    const { status, json } = await presigned(new Date(), 60);
    expect(status).toBe(200);
    expect(Buffer.from(json.Plaintext as string, 'base64')).toHaveLength(8);
  });

  it('fails with a wrong secret', async () => {
    const { json } = await presigned(new Date(), 60, { ...ALICE, secretAccessKey: 'wrong' });
    expect(json).toEqual({ __type: 'InvalidSignatureException', message: MISMATCH });
  });

  it('fails once X-Amz-Expires has passed', async () => {
    const { status, json } = await presigned(new Date(Date.now() - 120_000), 60);
    expect(status).toBe(400);
    expect(json.__type).toBe('InvalidSignatureException');
    expect(json.message).toMatch(SIGNATURE_EXPIRED('60 sec.'));
  });
});

describe('session tokens', () => {
  afterEach(() => resetClock(server));

  /** Temporary credentials sealed under the server's root key, as STS issues them. */
  function session(seconds: number) {
    const principal = rootPrincipal('111122223333', ROOT.accessKeyId);
    return issueSession(new Sealer(ROOT_KEY), principal, new Date(Date.now() + seconds * 1000));
  }

  it('are good until they expire on the emulated clock, then ExpiredTokenException', async () => {
    const { accessKeyId, secretAccessKey, sessionToken } = session(900);
    expect(accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(secretAccessKey).toHaveLength(40);
    const client = kms({ accessKeyId, secretAccessKey, sessionToken });
    expect((await random(client)).Plaintext).toHaveLength(16);
    await advanceClock(server, 901);
    expect(await awsError(() => random(client))).toEqual({ name: 'ExpiredTokenException', message: EXPIRED_TOKEN, status: 400 });
  });

  it('refuses a token Strongroom did not issue, or one presented with another key', async () => {
    const { accessKeyId, secretAccessKey, sessionToken } = session(900);
    const other = session(900);
    const garbage = Buffer.from('not a token').toString('base64');
    expect(await awsError(() => random(kms({ accessKeyId, secretAccessKey, sessionToken: garbage })))).toEqual({ name: 'UnrecognizedClientException', message: UNRECOGNIZED, status: 400 });
    expect(await awsError(() => random(kms({ accessKeyId, secretAccessKey, sessionToken: other.sessionToken })))).toEqual({ name: 'UnrecognizedClientException', message: UNRECOGNIZED, status: 400 });
    expect(await awsError(() => random(kms({ accessKeyId, secretAccessKey: 'wrong', sessionToken })))).toEqual({ name: 'InvalidSignatureException', message: MISMATCH, status: 400 });
  });
});

describe('other clients', () => {
  const run = (command: string, args: string[], secret: string) => runTool(command, args, awsToolEnv({ ...ALICE, secretAccessKey: secret }));

  const cli = (secret: string) => run('aws', ['--endpoint-url', server.url, '--output', 'json', 'kms', 'generate-random', '--number-of-bytes', '8'], secret);

  requireTool('aws')('AWS CLI: a good secret passes, a wrong one gets InvalidSignatureException', async () => {
    const good = await cli(ALICE.secretAccessKey);
    expect(good.status).toBe(0);
    expect(Buffer.from(JSON.parse(good.stdout).Plaintext, 'base64')).toHaveLength(8);
    const bad = await cli('wrong');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain(`An error occurred (InvalidSignatureException) when calling the GenerateRandom operation: ${MISMATCH}`);
  }, 60_000);

  const script = `
import boto3, botocore, json, sys
kms = boto3.client("kms", endpoint_url=sys.argv[1])
try:
    print(json.dumps({"bytes": len(kms.generate_random(NumberOfBytes=8)["Plaintext"])}))
except botocore.exceptions.ClientError as e:
    print(json.dumps(e.response["Error"]))
`;
  const boto3 = async (secret: string) => JSON.parse((await run('python3', ['-c', script, server.url], secret)).stdout);

  requireTool('boto3')('boto3: a good secret passes, a wrong one gets InvalidSignatureException', async () => {
    expect(await boto3(ALICE.secretAccessKey)).toEqual({ bytes: 8 });
    expect(await boto3('wrong')).toEqual({ Code: 'InvalidSignatureException', Message: MISMATCH });
  }, 60_000);
});
