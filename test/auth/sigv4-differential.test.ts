// The SigV4 verifier against the SDK's own signer: each request of a corpus, signed by
// @smithy/signature-v4 as a client signs it (Authorization header or presigned query), passes the
// identity step in `verify` mode; each is refused with AWS's mismatch error once one byte of its
// body, one signed header value, its path, a query value, its date or the secret is changed.
import { SignatureV4 } from '@smithy/signature-v4';
import { basicFormat } from '../../src/auth/sigv4';
import { Sha256 } from '../helpers/sha256';
import type { IamDirectory } from '../../src/auth/types';
import { rootPrincipal } from '../../src/pipeline/context';
import { identityStep, type Credentials } from '../../src/pipeline/steps/identity';

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const ACCESS_KEY_ID = 'AKIADIFFERENTIAL0001';
const SECRET = 'differential-secret-0123456789';
const HOST = '127.0.0.1:4584';
const JSON_1_1 = 'application/x-amz-json-1.1';

type Query = Record<string, string | string[]>;
type SigV4Request = Extract<Credentials, { kind: 'sigv4' }>;

interface Case {
  name: string;
  service: 'kms' | 'secretsmanager' | 'sts';
  region: string;
  method: string;
  /** As the client's request holds it, and as it goes on the wire. */
  path: string;
  /** As the client means it (decoded). */
  query?: Query;
  /** How the client writes one query pair on the wire (default: encodeURIComponent on both sides of `=`). */
  pair?: (name: string, value: string) => string;
  /** Besides host. */
  headers?: Record<string, string>;
  /** Headers as node:http hands them over, where they differ from what the client signed. */
  received?: Record<string, string | string[]>;
  body?: string;
  sessionToken?: string;
  presign?: { expiresIn: number; unhoistable: string[] };
  /** The signer adds and signs x-amz-content-sha256. */
  applyChecksum?: boolean;
}

const json = (target: string): Record<string, string> => ({ 'content-type': JSON_1_1, 'x-amz-target': target });
const encoded = (name: string, value: string) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;

/** An AWS JSON 1.1 POST of `body` to `path`; `more` adds headers and the rest. */
const post = (name: string, service: Case['service'], region: string, path: string, target: string, body: string, more: Partial<Case> = {}): Case => ({
  name,
  service,
  region,
  method: 'POST',
  path,
  body,
  ...more,
  headers: { ...json(target), ...more.headers },
});

/** A GET with a query, as STS's query protocol sends one. */
const get = (name: string, region: string, path: string, query: Query, more: Partial<Case> = {}): Case => ({ name, service: 'sts', region, method: 'GET', path, query, ...more });

const CORPUS: Case[] = [
  post('POST / (kms)', 'kms', 'us-east-1', '/', 'TrentService.Encrypt', JSON.stringify({ KeyId: 'alias/a', Plaintext: 'x'.repeat(1000) })),
  post('POST /a/b (secretsmanager)', 'secretsmanager', 'eu-west-1', '/a/b', 'secretsmanager.GetSecretValue', '{"SecretId":"s"}'),
  post('an empty body', 'kms', 'us-east-1', '/', 'TrentService.ListKeys', ''),
  post('dot segments', 'kms', 'eu-central-1', '/a/./b/../c', 'TrentService.ListKeys', '{}'),
  post('a unicode path, percent-encoded', 'kms', 'us-west-2', '/%E6%97%A5%E6%9C%AC/caf%C3%A9/', 'TrentService.ListKeys', '{}'),
  post('a unicode path, raw', 'secretsmanager', 'us-west-2', '/日本/café', 'secretsmanager.ListSecrets', '{}'),
  post('a double slash', 'kms', 'us-east-1', '//double', 'TrentService.ListKeys', '{}'),
  get(
    'repeated names and empty values',
    'ap-southeast-2',
    '/a%20b/',
    { Action: 'GetCallerIdentity', Version: '2011-06-15', tag: ['b', 'a', '', 'a'], empty: '', flag: '' },
    { pair: (name, value) => (name === 'flag' ? name : encoded(name, value)) },
  ),
  get('reserved characters in the query', 'us-gov-west-1', '/', {
    Action: 'GetCallerIdentity',
    plus: 'a+b',
    slash: 'a/b',
    literal: '%2F',
    tilde: '~user',
    star: 'x*y',
    space: 'a b',
    marks: "(it's)!",
    'odd name&': 'é',
  }),
  get('a raw + and * on the wire', 'us-east-1', '/', { Action: 'GetCallerIdentity', plus: 'a+b+c', star: '*' }, { pair: (name, value) => `${name}=${encodeURIComponent(value).replace(/%2B/g, '+')}` }),
  post('header values with outer and inner runs of spaces', 'kms', 'us-east-1', '/', 'TrentService.ListKeys', '{}', {
    headers: { 'x-amz-meta-spaced': '  lead and trail  ', 'x-custom': 'inner   runs \t and a tab' },
    // node:http trims a value's outer whitespace; SigV4 trims it too.
    received: { 'x-amz-meta-spaced': 'lead and trail' },
  }),
  post('a multi-value header', 'secretsmanager', 'eu-west-1', '/', 'secretsmanager.ListSecrets', '{}', {
    headers: { 'x-amz-meta-list': 'one,two  three' },
    received: { 'x-amz-meta-list': ['one', 'two  three'] },
  }),
  post('a session token', 'kms', 'us-east-1', '/', 'TrentService.ListKeys', '{}', { sessionToken: 'FwoGZXIvYXdzEBYaDH+session/token==' }),
  post('a signed x-amz-content-sha256', 'secretsmanager', 'cn-north-1', '/', 'secretsmanager.ListSecrets', '{"MaxResults":5}', { applyChecksum: true }),
  get(
    'presigned GET with a query',
    'us-east-1',
    '/',
    { Action: 'GetCallerIdentity', Version: '2011-06-15', tag: ['z', 'y'], empty: '' },
    { headers: { 'x-amz-meta-hoisted': 'into the query' }, presign: { expiresIn: 300, unhoistable: [] } },
  ),
  post('presigned POST with an unhoisted target (kms)', 'kms', 'eu-west-1', '/', 'TrentService.GenerateRandom', '{"NumberOfBytes":8}', {
    presign: { expiresIn: 60, unhoistable: ['x-amz-target'] },
  }),
  {
    ...get('presigned with a session token (secretsmanager)', 'ap-northeast-1', '/a%20b/', { plus: 'a+b' }),
    service: 'secretsmanager',
    headers: json('secretsmanager.ListSecrets'),
    sessionToken: 'session+token/==',
    presign: { expiresIn: 604_800, unhoistable: ['x-amz-target'] },
  },
];

/** The directory of one key, with `secret` as its secret. */
function directory(secret: string): IamDirectory {
  const principal = rootPrincipal('111122223333', ACCESS_KEY_ID);
  return {
    owner: () => ({ secretAccessKey: secret, principal }),
    identityPolicies: () => [],
    role: () => undefined,
    accountOfKey: () => undefined,
    issue: () => {
      throw new Error('not here');
    },
  };
}

/** What the identity step throws for `request` (verify mode, the key's secret `secret`), or undefined if it passes. */
function refusal(request: SigV4Request, service: string, secret = SECRET): { name: string; message: string } | undefined {
  try {
    identityStep(request, service, { accountId: '111122223333', region: 'us-east-1' }, { mode: 'verify', directory: directory(secret) }, new Date());
    return undefined;
  } catch (thrown) {
    return { name: (thrown as Error).name, message: (thrown as Error).message };
  }
}

const wireQuery = (query: Query, pair: NonNullable<Case['pair']>): string =>
  Object.entries(query)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => pair(name, v)))
    .join('&');

/** Signs `c` as a client does and returns the request as the server receives it. */
async function signed(c: Case): Promise<SigV4Request> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, sessionToken: c.sessionToken },
    region: c.region,
    service: c.service,
    sha256: Sha256,
    applyChecksum: c.applyChecksum ?? false,
  });
  const body = Buffer.from(c.body ?? '');
  const request = { method: c.method, protocol: 'http:', hostname: '127.0.0.1', port: 4584, path: c.path, query: c.query ?? {}, headers: { host: HOST, ...c.headers }, body };
  const out = c.presign
    ? await signer.presign(request, { signingDate: new Date(), expiresIn: c.presign.expiresIn, unhoistableHeaders: new Set(c.presign.unhoistable) })
    : await signer.sign(request, { signingDate: new Date() });
  const query = wireQuery(out.query as Query, c.pair ?? encoded);
  return { kind: 'sigv4', method: c.method, path: c.path, headers: { ...out.headers, ...c.received }, query: query === '' ? undefined : query, body };
}

/** The names the request signed, as it declares them. */
function signedNames(request: SigV4Request): string[] {
  const fromHeader = /SignedHeaders=([^,]+)/.exec(String(request.headers.authorization ?? ''))?.[1];
  return (fromHeader ?? new URLSearchParams(request.query).get('X-Amz-SignedHeaders')!).split(';');
}

/** One second later, or earlier at a day's last second (the scope's day must not change). */
function shifted(time: string): string {
  const ms = Date.parse(time.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  return basicFormat(time.endsWith('T235959Z') ? ms - 1000 : ms + 1000);
}

/** Each one-place change of a signed request, by what it changes. */
function tampered(request: SigV4Request): [string, SigV4Request][] {
  const changes: [string, SigV4Request][] = [];
  const body = Buffer.from(request.body);
  if (body.length === 0) changes.push(['a byte added to the empty body', { ...request, body: Buffer.from('x') }]);
  else {
    body[body.length >> 1] ^= 1;
    changes.push(['one byte of the body', { ...request, body }]);
  }
  for (const name of signedNames(request)) {
    if (name === 'x-amz-date') continue;
    const value = request.headers[name]!;
    const changed = Array.isArray(value) ? [`${value[0]}x`, ...value.slice(1)] : `${value}x`;
    changes.push([`the ${name} header`, { ...request, headers: { ...request.headers, [name]: changed } }]);
  }
  changes.push(['the path', { ...request, path: `${request.path}x` }]);
  const pairs = request.query?.split('&') ?? [];
  const own = pairs.findIndex((pair) => !pair.startsWith('X-Amz-'));
  if (own >= 0) {
    const query = pairs.map((pair, i) => (i === own ? (pair.includes('=') ? `${pair}x` : `${pair}=x`) : pair)).join('&');
    changes.push(['a query value', { ...request, query }]);
  }
  if (request.headers.authorization !== undefined) {
    const date = request.headers['x-amz-date'] as string;
    changes.push(['the date', { ...request, headers: { ...request.headers, 'x-amz-date': shifted(date) } }]);
  } else {
    const date = new URLSearchParams(request.query).get('X-Amz-Date')!;
    changes.push(['the date', { ...request, query: request.query!.replace(`X-Amz-Date=${date}`, `X-Amz-Date=${shifted(date)}`) }]);
  }
  return changes;
}

describe.each(CORPUS)('$name', (c) => {
  let request: SigV4Request;
  beforeAll(async () => {
    request = await signed(c);
  });

  it('passes as signed', () => {
    expect(refusal(request, c.service)).toBeUndefined();
  });

  it('is refused with another secret', () => {
    expect(refusal(request, c.service, `${SECRET}x`)).toEqual({ name: 'InvalidSignatureException', message: MISMATCH });
  });

  it('is refused once its body, a signed header, its path, a query value or its date changes', () => {
    const outcomes = tampered(request).map(([change, altered]) => [change, refusal(altered, c.service)]);
    expect(outcomes).toEqual(tampered(request).map(([change]) => [change, { name: 'InvalidSignatureException', message: MISMATCH }]));
  });
});

describe('payload hash', () => {
  it('refuses a signed x-amz-content-sha256 that is not the body’s, UNSIGNED-PAYLOAD included', async () => {
    const request = await signed(post('unsigned payload', 'kms', 'us-east-1', '/', 'TrentService.ListKeys', '{}', { headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }));
    expect(refusal(request, 'kms')).toEqual({ name: 'InvalidSignatureException', message: MISMATCH });
  });
});

describe('signing keys', () => {
  it('still verifies after more keys than the cache holds', async () => {
    const c = CORPUS[0];
    const request = await signed(c);
    // Each wrong secret derives (and caches) a signing key of its own.
    for (let i = 0; i < 300; i++) expect(refusal(request, c.service, `other-${i}`)?.message).toBe(MISMATCH);
    expect(refusal(request, c.service)).toBeUndefined();
  });
});
