// AWS's query protocol (STS): a form-encoded request names its operation in `Action` and its
// members as flattened names (`Tags.member.1.Key`, `Map.entry.1.value`, `A.B`), and the answer
// is XML. Decoding produces what readInput takes (numbers, booleans and timestamps converted;
// strings that are not one are left for readInput to refuse); encoding walks the output shape.
import { AwsError, statusOf } from './errors';
import type { MemberRef, ServiceModel } from './model';

const INTEGER = /^[+-]?\d+$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** STS's answer to an `Action` it does not have, or a `Version` it does not speak. */
export class InvalidAction extends AwsError {
  constructor(action: string, version: string | null) {
    super(`Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`, 400);
  }
}

/** Every dotted prefix of every parameter name: `Tags.member.1.Key` gives `Tags`, `Tags.member`, … */
function prefixesOf(params: URLSearchParams): Set<string> {
  const out = new Set<string>();
  for (const name of params.keys()) {
    for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) out.add(name.slice(0, dot));
    out.add(name);
  }
  return out;
}

interface Form {
  model: ServiceModel;
  params: URLSearchParams;
  present: Set<string>;
}

/** Items `${path}.N…` for N = 1, 2, … while present (the numbering the SDKs write). */
function items<T>(form: Form, path: string, read: (itemPath: string) => T): T[] {
  const out: T[] = [];
  for (let n = 1; form.present.has(`${path}.${n}`); n++) out.push(read(`${path}.${n}`));
  return out;
}

function decode(form: Form, ref: MemberRef, path: string): unknown {
  const shape = form.model.shapes[ref.shape];
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const at = path ? `${path}.${name}` : name;
        if (form.present.has(at)) out[name] = decode(form, member, at);
      }
      return out;
    }
    case 'list':
      // The SDKs send an empty list as the bare name with an empty value.
      return items(form, `${path}.member`, (at) => decode(form, shape.member!, at));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [key, value] of items(form, `${path}.entry`, (at) => [form.params.get(`${at}.key`) ?? '', decode(form, shape.value!, `${at}.value`)] as const)) {
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default: {
      const text = form.params.get(path);
      if (text === null) return undefined;
      if ((shape.type === 'integer' || shape.type === 'long') && INTEGER.test(text)) return Number(text);
      if (shape.type === 'timestamp') {
        if (ISO_8601.test(text)) return new Date(text);
        if (INTEGER.test(text)) return new Date(Number(text) * 1000);
      }
      return text;
    }
  }
}

/** The members of an operation's input shape from a query request's parameters (Action and Version aside). */
export function decodeQuery(model: ServiceModel, inputShape: string | undefined, params: URLSearchParams): Record<string, unknown> {
  if (!inputShape) return {};
  return decode({ model, params, present: prefixesOf(params) }, { shape: inputShape }, '') as Record<string, unknown>;
}

// Text content: markup characters, and a carriage return, which an XML parser would otherwise turn into a newline.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => ESCAPES[c]);
}

/** A value by its shape: lists as `<member>`s, maps as `<entry>`s, timestamps ISO 8601 in UTC (as STS writes `Expiration`). */
function encode(model: ServiceModel, ref: MemberRef, value: unknown): string {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case 'structure': {
      const source = value as Record<string, unknown>;
      let out = '';
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const v = source[name];
        if (v !== undefined && v !== null) out += `<${name}>${encode(model, member, v)}</${name}>`;
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((item) => `<member>${encode(model, shape.member!, item)}</member>`).join('');
    case 'map':
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${encode(model, shape.value!, v)}</value></entry>`)
        .join('');
    case 'timestamp':
      return (value as Date).toISOString();
    case 'blob':
      return Buffer.from(value as Uint8Array).toString('base64');
    default:
      return escapeXml(String(value));
  }
}

/** `<{Op}Response xmlns=…><{Op}Result>…</{Op}Result><ResponseMetadata><RequestId>…` */
export function xmlResult(model: ServiceModel, operation: string, result: unknown, requestId: string): string {
  const outputShape = model.operations[operation].output;
  const members = outputShape && result !== undefined && result !== null ? encode(model, { shape: outputShape }, result) : '';
  return (
    `<${operation}Response xmlns="${model.metadata.xmlNamespace}"><${operation}Result>${members}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

/**
 * The pipeline's errors as STS names them: its front-door and authentication errors have codes
 * of their own in the query protocol (STS Common Errors), Coral's validation error is
 * `ValidationError`, and the model's errors carry their wire code and status in the model.
 */
const QUERY_CODES: Record<string, { code: string; status: number; message?: string }> = {
  AccessDeniedException: { code: 'AccessDenied', status: 403 },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
  UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
  // The session token of the request: not the model's ExpiredTokenException (a web identity token's).
  ExpiredTokenException: { code: 'ExpiredToken', status: 400 },
  IncompleteSignatureException: { code: 'IncompleteSignature', status: 400 },
  MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' },
  ValidationException: { code: 'ValidationError', status: 400 },
  SerializationException: { code: 'MalformedInput', status: 400 },
};

export interface QueryError {
  status: number;
  code: string;
  message: string;
}

export function queryError(err: AwsError, model: ServiceModel | undefined): QueryError {
  const known = QUERY_CODES[err.name];
  if (known) return { status: known.status, code: known.code, message: known.message ?? err.message };
  const modelled = model?.shapes[err.name]?.error;
  if (modelled) return { status: modelled.httpStatusCode, code: modelled.code, message: err.message };
  return { status: statusOf(err, model), code: err.name, message: err.message };
}

/** `<ErrorResponse xmlns=…><Error><Type>Sender|Receiver</Type><Code>…</Code><Message>…</Message></Error><RequestId>…` */
export function xmlError(error: QueryError, namespace: string, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
