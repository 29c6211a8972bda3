// Reads a request body by the operation's input shape: converts wire types (base64 blobs,
// epoch-second timestamps), drops members the model does not know and members sent as null,
// and checks the model's constraints. A value of the wrong JSON type is a
// SerializationException, thrown at once (AWS rejects it before validating anything);
// constraint failures are collected into one ValidationException in AWS's Coral format:
// "N validation error(s) detected: Value '<v>' at '<path>' failed to satisfy constraint:
// Member must …", at most 10 listed, joined by "; ".
import { SerializationException, ValidationException } from './errors';
import type { ServiceModel, Shape } from './model';

const MAX_REPORTED = 10;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const TRUE = /^(?:true|yes|1)$/i;
const FALSE = /^(?:false|no|0)$/i;

/** Enum value order in AWS's messages where it is known to differ from the model's (recorded from AWS). */
const AWS_ENUM_ORDER: Record<string, string[]> = {
  MacAlgorithmSpec: ['HMAC_SHA_384', 'HMAC_SHA_256', 'HMAC_SHA_224', 'HMAC_SHA_512'],
};

type Json = unknown;

interface Context {
  model: ServiceModel;
  /** Messages in AWS's order; past the first MAX_REPORTED only counted (left empty). */
  errors: string[];
}

const patternCache = new Map<string, RegExp>();
/** Coral matches a pattern against the whole value (Java's `matches()`), anchored or not. */
function compiled(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      re = new RegExp(`^(?:${pattern})$`);
    }
    patternCache.set(pattern, re);
  }
  return re;
}

/** Coral names members in paths with the first letter lowered: KeyId → keyId. */
function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** A value as Coral prints it: lists `[a, b]`, maps `{k=v, …}`. */
function describe(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, Json>).map(([k, v]) => `${k}=${describe(v)}`).join(', ')}}`;
  }
  return String(value);
}

function fail(ctx: Context, shape: Shape, value: Json, path: string, constraint: string): void {
  // A list of 100,000 bad items must not cost 100,000 messages (and their values printed).
  if (ctx.errors.length >= MAX_REPORTED) {
    ctx.errors.push('');
    return;
  }
  // Blobs and sensitive values are never echoed back (`Value at 'plaintext' failed …`).
  const shown = shape.type === 'blob' || shape.sensitive ? 'Value' : `Value '${describe(value)}'`;
  ctx.errors.push(`${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
}

function enumValues(name: string, shape: Shape): string[] {
  return AWS_ENUM_ORDER[name] ?? shape.enum!;
}

/** Every constraint of a shape, as Coral lists them for the keys and values of a map. */
function constraints(name: string, shape: Shape): string[] {
  const unit = shape.type === 'integer' || shape.type === 'long' ? 'value' : 'length';
  const out: string[] = [];
  if (shape.max !== undefined) out.push(`Member must have ${unit} less than or equal to ${shape.max}`);
  if (shape.min !== undefined) out.push(`Member must have ${unit} greater than or equal to ${shape.min}`);
  if (shape.pattern) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.enum) out.push(`Member must satisfy enum value set: [${enumValues(name, shape).join(', ')}]`);
  return out;
}

/** The JSON token name Coral's messages use for a scalar. */
function token(value: Json): string {
  switch (typeof value) {
    case 'string':
      return 'STRING_VALUE';
    case 'number':
      return 'NUMBER_VALUE';
    default:
      return value ? 'TRUE_VALUE' : 'FALSE_VALUE';
  }
}

/** A value of the wrong JSON type where a scalar (`a String`, `an Integer`, …) is expected. */
function notScalar(value: Json, target: string): never {
  if (Array.isArray(value)) throw new SerializationException('Start of list found where not expected');
  if (typeof value === 'object') throw new SerializationException('Start of structure or map found where not expected.');
  throw new SerializationException(`${token(value)} can not be converted to ${target}`);
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkLength(ctx: Context, shape: Shape, value: Json, length: number, path: string): void {
  if (shape.min !== undefined && length < shape.min) fail(ctx, shape, value, path, `Member must have length greater than or equal to ${shape.min}`);
  else if (shape.max !== undefined && length > shape.max) fail(ctx, shape, value, path, `Member must have length less than or equal to ${shape.max}`);
}

function read(ctx: Context, name: string, value: Json, path: string): unknown {
  const shape = ctx.model.shapes[name];
  switch (shape.type) {
    case 'structure':
      if (isObject(value)) return readStructure(ctx, shape, value, path);
      if (Array.isArray(value)) throw new SerializationException('Start of list found where not expected');
      throw new SerializationException('Expected null');
    case 'string':
      if (typeof value !== 'string') notScalar(value, 'a String');
      if (shape.enum) {
        if (!shape.enum.includes(value)) fail(ctx, shape, value, path, `Member must satisfy enum value set: [${enumValues(name, shape).join(', ')}]`);
        return value;
      }
      if (shape.min !== undefined || shape.max !== undefined) checkLength(ctx, shape, value, codePoints(value), path);
      if (shape.pattern && !compiled(shape.pattern).test(value)) fail(ctx, shape, value, path, `Member must satisfy regular expression pattern: ${shape.pattern}`);
      return value;
    case 'integer':
    case 'long': {
      if (typeof value !== 'number') notScalar(value, shape.type === 'integer' ? 'an Integer' : 'a Long');
      const n = Math.trunc(value);
      if (shape.min !== undefined && n < shape.min) fail(ctx, shape, n, path, `Member must have value greater than or equal to ${shape.min}`);
      else if (shape.max !== undefined && n > shape.max) fail(ctx, shape, n, path, `Member must have value less than or equal to ${shape.max}`);
      return n;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      // Coral also takes a few strings for booleans ("an Boolean" is AWS's wording).
      if (typeof value === 'string' && TRUE.test(value)) return true;
      if (typeof value === 'string' && FALSE.test(value)) return false;
      return notScalar(value, 'an Boolean');
    case 'timestamp':
      // A Date comes only from an in-process caller (dispatch()); JSON carries epoch seconds.
      if (value instanceof Date) return value;
      if (typeof value !== 'number') notScalar(value, 'a Timestamp');
      return new Date(value * 1000);
    case 'blob': {
      // Bytes come only from an in-process caller; JSON carries base64.
      if (value instanceof Uint8Array) {
        const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
        checkLength(ctx, shape, bytes, bytes.length, path);
        return bytes;
      }
      if (typeof value !== 'string') notScalar(value, 'a Blob');
      if (!BASE64.test(value) || value.length % 4 === 1) throw new SerializationException('Base64 encoded value is malformed');
      const bytes = Buffer.from(value, 'base64');
      checkLength(ctx, shape, bytes, bytes.length, path);
      return bytes;
    }
    case 'list': {
      if (Array.isArray(value)) {
        // The list's own error comes before its items', and shows the items as read (what the
        // model knows of them), never the raw JSON.
        const at = ctx.errors.length;
        const out: unknown[] = [];
        for (const item of value) if (item !== null) out.push(read(ctx, shape.member!.shape, item, `${path}.${out.length + 1}.member`));
        // Written apart, as it goes before the items' errors (those after the first ten are empty).
        const own: Context = { model: ctx.model, errors: [] };
        checkLength(own, shape, out, out.length, path);
        ctx.errors.splice(at, 0, ...own.errors);
        return out;
      }
      if (typeof value === 'object') throw new SerializationException('Start of structure or map found where not expected.');
      throw new SerializationException('Expected list or null');
    }
    case 'map':
      if (isObject(value)) return readMap(ctx, shape, value, path);
      if (Array.isArray(value)) throw new SerializationException('Start of list found where not expected');
      throw new SerializationException('Expected map or null');
  }
}

/**
 * Coral reports a map's bad keys and bad values once each, at the map's own path, listing every
 * constraint of the key or value shape: `Map value must satisfy constraint: [Member must …, …]`.
 */
function readMap(ctx: Context, shape: Shape, value: Record<string, Json>, path: string): Record<string, unknown> {
  const keyName = shape.key!.shape;
  const valueName = shape.value!.shape;
  // Keys' and values' errors are counted apart: AWS reports one message for each side.
  const keys: Context = { model: ctx.model, errors: [] };
  const values: Context = { model: ctx.model, errors: [] };
  const out: Record<string, unknown> = {};
  let size = 0;
  for (const k in value) {
    const v = value[k];
    if (v === null) continue;
    read(keys, keyName, k, path);
    const item = read(values, valueName, v, path);
    // `__proto__` is an entry like any other, never the object's prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: item, enumerable: true, writable: true, configurable: true });
    else out[k] = item;
    size++;
  }
  checkLength(ctx, shape, out, size, path);
  if (keys.errors.length === 0 && values.errors.length === 0) return out;
  const keyShape = ctx.model.shapes[keyName];
  const valueShape = ctx.model.shapes[valueName];
  const shown = { ...shape, sensitive: shape.sensitive || keyShape.sensitive || valueShape.sensitive };
  if (keys.errors.length > 0) fail(ctx, shown, out, path, `Map keys must satisfy constraint: [${constraints(keyName, keyShape).join(', ')}]`);
  if (values.errors.length > 0) fail(ctx, shown, out, path, `Map value must satisfy constraint: [${constraints(valueName, valueShape).join(', ')}]`);
  return out;
}

function readStructure(ctx: Context, shape: Shape, body: Record<string, Json>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prefix = path ? `${path}.` : '';
  const members = shape.members ?? {};
  for (const name in members) {
    const value = body[name];
    if (value === undefined || value === null) {
      if (shape.required?.includes(name)) ctx.errors.push(`Value null at '${prefix}${camel(name)}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    out[name] = read(ctx, members[name].shape, value, prefix + camel(name));
  }
  return out;
}

/** Deserializes and validates a parsed JSON body (already known to be an object) against an input shape. */
export function readInput<T>(model: ServiceModel, inputShape: string | undefined, body: Record<string, Json>): T {
  if (!inputShape) return {} as T;
  const ctx: Context = { model, errors: [] };
  const value = readStructure(ctx, model.shapes[inputShape], body, '');
  if (ctx.errors.length > 0) throw validationError(ctx.errors);
  return value as T;
}

/** AWS's Coral text for a list of constraint failures. */
function validationError(errors: string[]): ValidationException {
  const n = errors.length;
  const head = `${n} validation error${n === 1 ? '' : 's'} detected: `;
  return new ValidationException(head + errors.slice(0, MAX_REPORTED).join('; '));
}
