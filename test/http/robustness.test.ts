// Over a thousand malformed requests, generated from a fixed seed so a failure reproduces:
// random bytes, members of the wrong JSON type for every operation of both models, huge and
// unicode strings, odd and duplicate headers, and byte streams that are not valid HTTP. Every
// answer must be a 4xx JSON body (413's body is empty, as AWS's is; an operation Strongroom
// has not built yet may answer its 501), the server must never answer 500, and it must serve
// a normal request afterwards.
import { GenerateRandomCommand } from '@aws-sdk/client-kms';
import { loadModel, type ServiceModel, type Shape } from '../../src/protocol/model';
import { useServer } from '../helpers/server';
import { awsHeaders, send, sendBytes, type Reply, type SendOptions } from './raw';

const server = useServer();

/** mulberry32: a small seeded generator, so every run sends the same requests. */
function generator(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  return { next, int, pick, bytes };
}
const rnd = generator(20260101);

const models: ServiceModel[] = [loadModel('kms'), loadModel('secretsmanager')];
const operations = models.flatMap((model) =>
  Object.entries(model.operations).map(([name, op]) => ({ model, target: `${model.metadata.targetPrefix}.${name}`, input: op.input })),
);

const UNICODE = ['😀', '\u0000', '\ud800', '\udfff', 'é', '\u202e', '\u200b', '中文', '\uffff', '𝔘'];
function oddString(): string {
  const parts = Array.from({ length: 1 + rnd.int(20) }, () => (rnd.next() < 0.5 ? rnd.pick(UNICODE) : String.fromCharCode(rnd.int(0x3000))));
  return parts.join('');
}

/** A value of the wrong JSON type for `shape` (somewhere inside it, for lists, maps and structures). */
function wrongValue(model: ServiceModel, shape: Shape): unknown {
  switch (shape.type) {
    case 'string':
      return rnd.pick([rnd.int(1000), true, false, [], {}, ['s'], { s: 1 }]);
    case 'integer':
    case 'long':
      return rnd.pick(['5', 'five', true, [], {}, [1]]);
    case 'boolean':
      return rnd.pick([1, 0, 'maybe', [], {}, [true]]);
    case 'timestamp':
      return rnd.pick(['2026-01-01T00:00:00Z', true, [], {}]);
    case 'blob':
      return rnd.pick([5, true, [], {}, 'not*base64', 'A']);
    case 'list':
      return rnd.next() < 0.5 ? rnd.pick(['x', 5, true, {}]) : [wrongValue(model, model.shapes[shape.member!.shape])];
    case 'map':
      return rnd.next() < 0.5 ? rnd.pick(['x', 5, true, []]) : { k: wrongValue(model, model.shapes[shape.value!.shape]) };
    case 'structure': {
      const members = Object.entries(shape.members ?? {});
      if (members.length === 0 || rnd.next() < 0.5) return rnd.pick(['x', 5, true, [], [{}]]);
      const [name, ref] = rnd.pick(members);
      return { [name]: wrongValue(model, model.shapes[ref.shape]) };
    }
  }
}

/** Any JSON value at all: sometimes the right type, often not. */
function anyValue(depth = 0): unknown {
  const kinds = depth > 2 ? 5 : 7;
  switch (rnd.int(kinds)) {
    case 0:
      return oddString();
    case 1:
      return rnd.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53, 4097, 1025]);
    case 2:
      return rnd.next() < 0.5;
    case 3:
      return null;
    case 4:
      return 'A'.repeat(rnd.int(3000));
    case 5:
      return Array.from({ length: rnd.int(4) }, () => anyValue(depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: rnd.int(4) }, () => [oddString(), anyValue(depth + 1)]));
  }
}

/** `valid`: the request may be a well-formed one (a unicode description, say), so 200 is fine. */
const results: { label: string; reply: Reply; valid?: boolean }[] = [];
const post = async (label: string, options: SendOptions, valid = false) => {
  results.push({ label, reply: await send(server.url, options), valid });
};

/** Runs request makers a few at a time. */
async function run(makers: (() => Promise<void>)[], parallel = 25): Promise<void> {
  for (let i = 0; i < makers.length; i += parallel) await Promise.all(makers.slice(i, i + parallel).map((m) => m()));
}

function expectSane(label: string, reply: Reply, valid = false): void {
  const context = `${label}: ${reply.status} ${reply.text.slice(0, 200)}`;
  if (reply.status === 501) {
    expect({ context, type: reply.json?.__type }).toEqual({ context, type: 'NotImplementedException' });
    return;
  }
  const allowed = (reply.status >= 400 && reply.status < 500) || (valid && reply.status === 200);
  expect({ context, allowed }).toEqual({ context, allowed: true });
  expect({ context, json: typeof reply.json }).toEqual({ context, json: reply.status === 413 ? 'undefined' : 'object' });
  if (reply.status === 200 || reply.status === 413) return;
  expect({ context, json: typeof reply.json }).toEqual({ context, json: 'object' });
  expect({ context, typed: '__type' in reply.json! || 'error' in reply.json! }).toEqual({ context, typed: true });
}

describe('malformed requests', () => {
  it('answer 4xx JSON, never 5xx, and leave the server serving', async () => {
    const makers: (() => Promise<void>)[] = [];

    // Random bytes as the body of a well-addressed request.
    for (let i = 0; i < 250; i++) {
      const { target } = rnd.pick(operations);
      const body = rnd.bytes(rnd.int(2000));
      makers.push(() => post(`bytes → ${target}`, { headers: awsHeaders(target), body }));
    }

    // A member of the wrong JSON type in every operation of both services.
    for (let i = 0; i < 350; i++) {
      const { model, target, input } = operations[i % operations.length];
      const members = Object.entries(model.shapes[input ?? '']?.members ?? {});
      if (members.length === 0) continue;
      const [name, ref] = rnd.pick(members);
      const body: Record<string, unknown> = { [name]: wrongValue(model, model.shapes[ref.shape]) };
      for (let j = rnd.int(3); j > 0; j--) {
        const [other] = rnd.pick(members);
        if (other !== name) body[other] = anyValue();
      }
      makers.push(async () => {
        await post(`wrong type → ${target} ${JSON.stringify(body).slice(0, 200)}`, { headers: awsHeaders(target), body: JSON.stringify(body) });
        const { reply } = results[results.length - 1];
        expect({ target, body, type: reply.json?.__type }).toEqual({ target, body, type: 'SerializationException' });
      });
    }

    // Huge and unicode strings in the members of operations that exist, and any JSON at all.
    const stringTargets: [string, string][] = [
      ['TrentService.DescribeKey', 'KeyId'],
      ['TrentService.GenerateRandom', 'CustomKeyStoreId'],
      ['TrentService.CreateKey', 'Description'],
      ['secretsmanager.GetRandomPassword', 'ExcludeCharacters'],
      ['secretsmanager.GetSecretValue', 'SecretId'],
    ];
    for (let i = 0; i < 150; i++) {
      const [target, member] = rnd.pick(stringTargets);
      const value = i % 15 === 0 ? 'x'.repeat(1024 * 1024 * (1 + rnd.int(4))) : oddString();
      const extra = rnd.next() < 0.5 ? { NumberOfBytes: anyValue() } : {};
      const body = JSON.stringify({ ...extra, [member]: value });
      makers.push(() => post(`string → ${target}`, { headers: awsHeaders(target), body }, true));
    }
    for (let i = 0; i < 50; i++) {
      const { target } = rnd.pick(operations);
      const body = JSON.stringify(anyValue());
      makers.push(() => post(`any JSON → ${target}`, { headers: awsHeaders(target), body }, true));
    }

    // Odd, missing and duplicate headers, odd paths and methods.
    const contentTypes = ['application/x-amz-json-1.1', 'application/json', 'text/plain', '', 'application/x-amz-json-1.1; charset=latin1', 'multipart/form-data; boundary=x', 'application/x-amz-json-1.1, text/plain'];
    for (let i = 0; i < 150; i++) {
      const { target } = rnd.pick(operations);
      const headers: Record<string, string | string[]> = { ...awsHeaders(target) };
      switch (i % 6) {
        case 0:
          headers['x-amz-target'] = [target, rnd.pick(operations).target];
          break;
        case 1:
          headers['content-type'] = rnd.pick(contentTypes);
          break;
        case 2:
          headers.authorization = rnd.bytes(1 + rnd.int(80)).toString('base64');
          break;
        case 3:
          headers.authorization = `AWS4-HMAC-SHA256 ${rnd.pick(['Credential=', 'Credential=a/b/c/d/e/f', 'Signature', ',,,', 'Credential=a/b//kms/aws4_request, SignedHeaders=, Signature=x'])}`;
          delete headers['x-amz-date'];
          break;
        case 4:
          // Any byte node:http lets a header carry: printable ASCII and 0x80-0xff.
          // eslint-disable-next-line no-control-regex -- the control bytes are the ones to strip
          headers['x-amz-target'] = rnd.bytes(20).toString('latin1').replace(/[\x00-\x1f\x7f]/g, '');
          break;
        default:
          delete headers[rnd.pick(['content-type', 'authorization', 'x-amz-target', 'x-amz-date'])];
      }
      const method = rnd.pick(['POST', 'POST', 'POST', 'PUT', 'GET', 'DELETE', 'PATCH', 'OPTIONS']);
      const path = rnd.pick(['/', '/a/', '/?X-Amz-Credential=a/b/c/kms/aws4_request', '/%ff/', '/_strongroom/', '//']);
      makers.push(async () => {
        const reply = await send(server.url, { method, path, headers, body: method === 'GET' ? undefined : '{"NumberOfBytes":8}' });
        results.push({ label: `headers ${method} ${path} ${JSON.stringify(headers).slice(0, 300)}`, reply, valid: true });
      });
    }

    // Byte streams that are not valid HTTP, or whose framing lies.
    const ok = `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.GenerateRandom\r\nAuthorization: ${awsHeaders(undefined).authorization}\r\nX-Amz-Date: 20260101T000000Z\r\n`;
    const body = '{"NumberOfBytes":8}';
    const streams = [
      `${ok}Content-Length: abc\r\n\r\n${body}`,
      `${ok}Content-Length: -5\r\n\r\n${body}`,
      `${ok}Content-Length: 3\r\nContent-Length: 19\r\n\r\n${body}`,
      `${ok}Content-Length: 19\r\nTransfer-Encoding: chunked\r\n\r\n${body}`,
      `${ok}Content-Length: 5\r\nConnection: close\r\n\r\n${body}`,
      `${ok}Content-Length: 19000\r\n\r\n${body}`,
      `${ok}Transfer-Encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`,
      `${ok}Bad Header: x\r\nContent-Length: 19\r\n\r\n${body}`,
      `${ok}X-Long: ${'a'.repeat(20000)}\r\nContent-Length: 19\r\n\r\n${body}`,
      `${ok}X-Unicode: ${Buffer.from('ünïcødé 😀').toString('latin1')}\r\nContent-Length: 19\r\nConnection: close\r\n\r\n${body}`,
      'GARBAGE\r\n\r\n',
      'POST\r\n\r\n',
      `POST / HTTP/9.9\r\nHost: x\r\n\r\n`,
      '\0\0\0\0',
    ];
    for (let i = 0; i < 150; i++) {
      const stream = i < streams.length ? streams[i] : rnd.next() < 0.5 ? rnd.pick(streams) : rnd.bytes(1 + rnd.int(300)).toString('latin1');
      makers.push(async () => {
        const raw = await sendBytes(server.url, Buffer.from(stream, 'latin1'));
        // A framing that lies can still carry one good request before the bad bytes.
        for (const reply of splitResponses(raw)) results.push({ label: `stream ${JSON.stringify(stream.slice(0, 120))}`, reply, valid: true });
      });
    }

    await run(makers);
    expect(makers.length).toBeGreaterThanOrEqual(1000);
    for (const { label, reply, valid } of results) expectSane(label, reply, valid);
    expect(results.filter((r) => r.reply.status >= 500 && r.reply.status !== 501)).toEqual([]);

    const after = await server.kms().send(new GenerateRandomCommand({ NumberOfBytes: 16 }));
    expect(after.Plaintext).toHaveLength(16);
  });
});

/** Every HTTP response in a byte stream read off one connection. */
function splitResponses(raw: string): Reply[] {
  const replies: Reply[] = [];
  let rest = raw;
  while (rest.startsWith('HTTP/1.1 ')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const head = rest.slice(0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const text = Buffer.from(rest.slice(end + 4, end + 4 + length), 'latin1').toString('utf8');
    const status = Number(head.slice(9, 12));
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n').slice(1)) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
    replies.push({ status, headers, text, json });
    rest = rest.slice(end + 4 + length);
  }
  expect({ unparsed: rest.slice(0, 100) }).toEqual({ unparsed: '' });
  return replies;
}
