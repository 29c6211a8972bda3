// Real SigV4 for the benchmarks, as an SDK client signs: @smithy/signature-v4 (the signer the
// AWS SDK for JavaScript uses) over host, content-type, content-length, x-amz-target and a fresh
// x-amz-date, with the default key `test` / `test` (the root of the default account, so the
// `verify`, `audit` and `enforce` modes accept it without a seed). Signing costs the client
// CPU (tens of µs a request): bench/run.mjs signs ahead of each measured slice, in its own
// process (see RequestPool there); the setup calls sign as they go.
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const REGION = 'us-east-1';

/** node:crypto's SHA-256 (an HMAC when given a key) in the shape the signer takes. */
class Sha256 {
  constructor(secret) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret));
  }
  update(data) {
    this.hash.update(data);
  }
  digest() {
    return Promise.resolve(this.hash.digest());
  }
}

// One signer per (service, credentials, region): the signer caches its signing key per day.
const signers = new Map();
function signerFor(service, credentials, region) {
  const id = `${service}/${credentials.accessKeyId}/${region}`;
  let signer = signers.get(id);
  if (!signer) {
    signer = new SignatureV4({ service, region, credentials, sha256: Sha256, applyChecksum: false });
    signers.set(id, signer);
  }
  return signer;
}

/**
 * The headers of a signed AWS JSON 1.1 request to 127.0.0.1:`port` (host included, lower case),
 * for `payload` (a Buffer). `scope`: { accessKeyId, secretAccessKey, region } to sign as another
 * key or in another region.
 */
export async function signedHeaders(port, target, payload, scope = {}) {
  const service = target.startsWith('secretsmanager.') ? 'secretsmanager' : 'kms';
  const credentials = { accessKeyId: scope.accessKeyId ?? CREDENTIALS.accessKeyId, secretAccessKey: scope.secretAccessKey ?? CREDENTIALS.secretAccessKey };
  const host = `127.0.0.1:${port}`;
  const request = {
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path: '/',
    query: {},
    headers: { host, 'content-type': 'application/x-amz-json-1.1', 'content-length': String(payload.length), 'x-amz-target': target },
    body: payload,
  };
  const signed = await signerFor(service, credentials, scope.region ?? REGION).sign(request, { signingDate: new Date() });
  return signed.headers;
}

/** The bytes of one signed HTTP/1.1 request, ready for a keep-alive socket. */
export async function signedRequestBytes(port, { target, body }) {
  const payload = Buffer.from(JSON.stringify(body));
  const headers = await signedHeaders(port, target, payload);
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.concat([Buffer.from(`POST / HTTP/1.1\r\n${lines.join('')}\r\n`, 'latin1'), payload]);
}
