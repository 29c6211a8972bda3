// Request bodies are limited per operation, by the largest body a legitimate request to it can
// have (computed from the model): a larger one gets AWS's 413 with an empty body, unread.
import { request } from 'node:http';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { requestLimits, type RequestLimits } from '../../src/protocol/limits';
import { loadModel, type ServiceModel } from '../../src/protocol/model';
import { useServer } from '../helpers/server';
import { awsHeaders, send, type Reply } from './raw';

const server = useServer();

const kms = loadModel('kms');
const sm = loadModel('secretsmanager');
const limitsOf = (model: ServiceModel, operation: string): RequestLimits => requestLimits(model, model.operations[operation].input);

const post = (target: string | undefined, body: string | Buffer) => send(server.url, { headers: awsHeaders(target), body });
/** A request of exactly `size` bytes: `json` padded with spaces (JSON whitespace). */
const padded = (json: string, size: number) => Buffer.concat([Buffer.from(json), Buffer.alloc(size - Buffer.byteLength(json), 0x20)]);

function expectTooLarge(res: Reply): void {
  expect(res.status).toBe(413);
  expect(res.text).toBe('');
  expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
}

/** JSON as boto3 writes it: every non-ASCII character escaped, astral ones as two `\uXXXX`. */
const asciiJson = (value: unknown) => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The largest value of a shape a request can carry: every member present, every string at its
 * maximum length in astral characters (12 bytes each once escaped), lists and maps full. Lists,
 * maps and strings without a maximum take 50 items and 256 characters, as the limits assume.
 */
function largest(model: ServiceModel, name: string): unknown {
  const shape = model.shapes[name];
  const text = (length: number, prefix = '') => prefix + '😀'.repeat(length - [...prefix].length);
  switch (shape.type) {
    case 'structure':
      return Object.fromEntries(Object.entries(shape.members ?? {}).map(([member, ref]) => [member, largest(model, ref.shape)]));
    case 'list':
      return Array.from({ length: shape.max ?? 50 }, () => largest(model, shape.member!.shape));
    case 'map': {
      const key = model.shapes[shape.key!.shape];
      return Object.fromEntries(Array.from({ length: shape.max ?? 50 }, (_, i) => [text(key.max ?? 256, String(i)), largest(model, shape.value!.shape)]));
    }
    case 'string':
      return shape.enum ? shape.enum.reduce((a, b) => (b.length > a.length ? b : a)) : text(shape.max ?? 256);
    case 'blob':
      return Buffer.alloc(shape.max ?? 256).toString('base64');
    case 'boolean':
      return false;
    default:
      return -9007199254740991;
  }
}

describe('limits from the models', () => {
  it.each([kms, sm].flatMap((model) => Object.keys(model.operations).map((op) => [model.metadata.targetPrefix, op, model] as const)))(
    '%s.%s holds its largest legitimate request',
    (_, op, model) => {
      const input = model.operations[op].input;
      const body = input ? asciiJson(largest(model, input)) : '{}';
      const limits = limitsOf(model, op);
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(limits.maxBytes);
      expect(limits.maxBytes % 65536).toBe(0);
    },
  );

  it('gives small operations 64 KiB and the large ones room for their largest members', () => {
    expect(limitsOf(sm, 'GetSecretValue').maxBytes).toBe(65536);
    expect(limitsOf(kms, 'ListKeys').maxBytes).toBe(65536);
    // 65,536 astral characters, escaped: 786,432 bytes.
    expect(limitsOf(sm, 'CreateSecret').maxBytes).toBeGreaterThan(65536 * 12);
    expect(limitsOf(sm, 'PutSecretValue').maxBytes).toBeGreaterThan(65536 * 12);
    // A 131,072-character key policy.
    expect(limitsOf(kms, 'PutKeyPolicy').maxBytes).toBeGreaterThan(131072 * 12);
    expect(limitsOf(kms, 'CreateKey').maxBytes).toBeGreaterThan(131072 * 12);
    // Far below the 8 MiB the front door used to take from every request.
    for (const model of [kms, sm]) for (const op of Object.keys(model.operations)) expect(limitsOf(model, op).maxBytes).toBeLessThan(4 * 1024 * 1024);
  });
});

describe('a body over the limit', () => {
  it('is answered 413 with an empty body, by its Content-Length, and the server keeps serving', async () => {
    const { maxBytes } = limitsOf(sm, 'GetSecretValue');
    expectTooLarge(await post('secretsmanager.GetSecretValue', padded('{"SecretId":"x"}', maxBytes + 1)));
    const { maxBytes: createMax } = limitsOf(sm, 'CreateSecret');
    expectTooLarge(await post('secretsmanager.CreateSecret', padded('{"Name":"x","SecretString":"y"}', createMax + 1)));
    expect((await post('TrentService.GenerateRandom', '{"NumberOfBytes":8}')).status).toBe(200);
  });

  it('is answered 413 as it streams in without a Content-Length', async () => {
    const { maxBytes } = limitsOf(kms, 'GenerateRandom');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/`, { method: 'POST', headers: awsHeaders('TrentService.GenerateRandom'), agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      for (let sent = 0; sent <= maxBytes; sent += 64 * 1024) req.write(Buffer.alloc(64 * 1024, 0x20));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('with an unknown target is measured against the largest limit of any operation', async () => {
    // The implemented operations' limits: KMS's and Secrets Manager's are the widest (CloudTrail's
    // unimplemented operations are held to them).
    const widest = Math.max(...[kms, sm].flatMap((model) => Object.keys(model.operations).map((op) => limitsOf(model, op).maxBytes)));
    const unknown = await post('TrentService.NoSuchOperation', padded('{}', limitsOf(kms, 'GenerateRandom').maxBytes + 1));
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ __type: 'UnknownOperationException' });
    expectTooLarge(await post('TrentService.NoSuchOperation', padded('{}', widest + 1)));
  });
});

describe('a body within the limit', () => {
  it('is read to the last byte', async () => {
    const { maxBytes } = limitsOf(kms, 'GenerateRandom');
    const res = await post('TrentService.GenerateRandom', padded('{"NumberOfBytes":8}', maxBytes));
    expect(res.status).toBe(200);
  });

  it('holds a 65,536-character SecretString of characters JSON must escape, sent by the SDK', async () => {
    const value = '"\u0001'.repeat(32768);
    const sm = server.sm();
    await sm.send(new CreateSecretCommand({ Name: 'limits/escaped', SecretString: value }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'limits/escaped' }))).SecretString).toBe(value);
  });

  it('holds a 65,536-character SecretString of astral characters escaped as boto3 sends them', async () => {
    const value = '😀'.repeat(65536);
    const body = asciiJson({ Name: 'limits/astral', SecretString: value, ClientRequestToken: 'a'.repeat(64) });
    expect(Buffer.byteLength(body)).toBeGreaterThan(65536 * 12);
    const res = await post('secretsmanager.CreateSecret', body);
    expect(res.status).toBe(200);
    expect((await server.sm().send(new GetSecretValueCommand({ SecretId: 'limits/astral' }))).SecretString).toBe(value);
  });
});
