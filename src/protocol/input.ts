// Reads a request body by the operation's input shape: converts wire types (base64 blobs,
// epoch-second timestamps), drops members the model does not know, and checks the model's
// constraints. A value of the wrong JSON type is a SerializationException (AWS rejects it
// before validation); constraint failures are collected into one ValidationException in
// AWS's Coral format: "N validation error(s) detected: Value '<v>' at '<path>' failed to
// satisfy constraint: Member must …", at most 10, joined by "; ".
import { SerializationException, ValidationException } from './errors';
import type { MemberRef, ServiceModel, Shape } from './model';

const MAX_REPORTED = 10;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Json = unknown;

interface Context {
  model: ServiceModel;
  errors: string[];
}

const patternCache = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = new RegExp(pattern);
    }
    patternCache.set(pattern, re);
  }
  return re;
}

/** Coral names members in paths with the first letter lowered: KeyId → keyId. */
function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function describe(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, Json>).map(([k, v]) => `${k}=${describe(v)}`).join(', ')}}`;
  }
  return String(value);
}

function fail(ctx: Context, shape: Shape, value: Json, path: string, constraint: string): void {
  // Blobs and sensitive values are never echoed back (`Value at 'plaintext' failed …`).
  const shown = shape.type === 'blob' || shape.sensitive ? 'Value' : `Value '${describe(value)}'`;
  ctx.errors.push(`${shown} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
}

function wrongType(token: string, target: string): never {
  throw new SerializationException(`${token} can not be converted to ${target}`);
}

function jsonToken(value: Json): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (value === null) return 'VALUE_NULL';
  switch (typeof value) {
    case 'string':
      return 'STRING_VALUE';
    case 'number':
      return 'NUMBER_VALUE';
    case 'boolean':
      return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
    default:
      return 'START_OBJECT';
  }
}

function checkLength(ctx: Context, shape: Shape, value: Json, length: number, path: string): void {
  if (shape.min !== undefined && length < shape.min) fail(ctx, shape, value, path, `have length greater than or equal to ${shape.min}`);
  else if (shape.max !== undefined && length > shape.max) fail(ctx, shape, value, path, `have length less than or equal to ${shape.max}`);
}

function read(ctx: Context, ref: MemberRef, value: Json, path: string): unknown {
  const shape = ctx.model.shapes[ref.shape];
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) wrongType(jsonToken(value), 'Structure');
      return readStructure(ctx, shape, value as Record<string, Json>, path);
    }
    case 'string': {
      if (typeof value !== 'string') wrongType(jsonToken(value), 'String');
      if (shape.enum && !shape.enum.includes(value)) {
        fail(ctx, shape, value, path, `satisfy enum value set: [${shape.enum.join(', ')}]`);
        return value;
      }
      checkLength(ctx, shape, value, [...value].length, path);
      if (shape.pattern && !compiled(shape.pattern).test(value)) {
        fail(ctx, shape, value, path, `satisfy regular expression pattern: ${shape.pattern}`);
      }
      return value;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      if (typeof value !== 'number') wrongType(jsonToken(value), shape.type === 'integer' ? 'Integer' : 'Long');
      const n = shape.type === 'integer' || shape.type === 'long' ? Math.trunc(value) : value;
      if (shape.min !== undefined && n < shape.min) fail(ctx, shape, n, path, `have value greater than or equal to ${shape.min}`);
      else if (shape.max !== undefined && n > shape.max) fail(ctx, shape, n, path, `have value less than or equal to ${shape.max}`);
      return n;
    }
    case 'boolean':
      if (typeof value !== 'boolean') wrongType(jsonToken(value), 'Boolean');
      return value;
    case 'timestamp':
      if (typeof value !== 'number') wrongType(jsonToken(value), 'Date');
      return new Date(value * 1000);
    case 'blob': {
      if (typeof value !== 'string' || !BASE64.test(value) || value.length % 4 === 1) {
        throw new SerializationException(typeof value === 'string' ? 'Base64 encoded value is malformed' : `${jsonToken(value)} can not be converted to a Blob`);
      }
      const bytes = Buffer.from(value, 'base64');
      checkLength(ctx, shape, bytes, bytes.length, path);
      return bytes;
    }
    case 'list': {
      if (!Array.isArray(value)) wrongType(jsonToken(value), 'List');
      checkLength(ctx, shape, value, value.length, path);
      return value.map((item, i) => read(ctx, shape.member!, item, `${path}.${i + 1}.member`));
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) wrongType(jsonToken(value), 'Map');
      const entries = Object.entries(value as Record<string, Json>);
      checkLength(ctx, shape, value, entries.length, path);
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries) {
        read(ctx, shape.key!, k, `${path}.${k}.member.key`);
        out[k] = read(ctx, shape.value!, v, `${path}.${k}.member.value`);
      }
      return out;
    }
  }
}

function readStructure(ctx: Context, shape: Shape, body: Record<string, Json>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prefix = path ? `${path}.` : '';
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const value = body[name];
    if (value === undefined || value === null) {
      if (shape.required?.includes(name)) ctx.errors.push(`Value null at '${prefix}${camel(name)}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    out[name] = read(ctx, ref, value, prefix + camel(name));
  }
  return out;
}

/** Deserializes and validates a parsed JSON body against an input shape. */
export function readInput<T>(model: ServiceModel, inputShape: string | undefined, body: Json): T {
  if (!inputShape) return {} as T;
  const ctx: Context = { model, errors: [] };
  const value = read(ctx, { shape: inputShape }, body ?? {}, '');
  if (ctx.errors.length > 0) throw validationError(ctx.errors);
  return value as T;
}

/** AWS's Coral text for a list of constraint failures. */
export function validationError(errors: string[]): ValidationException {
  const n = errors.length;
  const head = `${n} validation error${n === 1 ? '' : 's'} detected: `;
  return new ValidationException(head + errors.slice(0, MAX_REPORTED).join('; '));
}
