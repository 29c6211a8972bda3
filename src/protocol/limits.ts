// Request limits derived from the models: the largest body a legitimate request to an operation
// can have, and how deeply its JSON can nest. They keep one request from costing seconds of CPU
// or hundreds of MB (JSON.parse of 8 MB of `[` takes over a second and 230 MB).
import type { ServiceModel } from './model';

export interface RequestLimits {
  /** Bytes of body accepted; a larger body gets AWS's bodiless 413. */
  maxBytes: number;
  /** Levels of arrays and objects accepted; the body itself is level 1. */
  maxDepth: number;
}

/**
 * Bytes one character of a string can take at worst: a code point outside the BMP written as
 * two `\uXXXX` escapes (boto3 escapes every non-ASCII character). Lengths count code points.
 */
const CHAR_BYTES = 12;
/** A JSON number, however written, that a legitimate client sends. */
const NUMBER_BYTES = 32;
/** Items counted for a list or map with no max (tags, replica regions, encryption context): AWS's 50 tags per resource. */
const UNBOUNDED_ITEMS = 50;
/** Characters (bytes of a blob) counted for a value with no max: only KMS encryption context keys and values have none. */
const UNBOUNDED_CHARS = 256;
/** Every limit is a multiple of this, and at least this: room for whitespace and members the model does not know yet. */
const BYTES_STEP = 64 * 1024;
/** Levels of nesting allowed beyond the model's, for members the model does not know yet. */
const DEPTH_MARGIN = 10;

/** The limits for a request to an operation with this input shape. */
export function requestLimits(model: ServiceModel, inputShape: string | undefined): RequestLimits {
  if (!inputShape) return { maxBytes: BYTES_STEP, maxDepth: 1 + DEPTH_MARGIN };
  return {
    maxBytes: Math.ceil(largestJson(model, inputShape) / BYTES_STEP) * BYTES_STEP,
    maxDepth: nesting(model, inputShape) + DEPTH_MARGIN,
  };
}

/** The most limits of any of these. */
export function widest(limits: RequestLimits[]): RequestLimits {
  return {
    maxBytes: Math.max(...limits.map((l) => l.maxBytes)),
    maxDepth: Math.max(...limits.map((l) => l.maxDepth)),
  };
}

/** The longest JSON a value of the shape can be: every member present, every string at its max and escaped. */
function largestJson(model: ServiceModel, name: string): number {
  const shape = model.shapes[name];
  switch (shape.type) {
    case 'structure':
      // {"Name":value,…}
      return 2 + Object.entries(shape.members ?? {}).reduce((sum, [member, ref]) => sum + member.length + 4 + largestJson(model, ref.shape), 0);
    case 'list':
      return 2 + (shape.max ?? UNBOUNDED_ITEMS) * (largestJson(model, shape.member!.shape) + 1);
    case 'map':
      return 2 + (shape.max ?? UNBOUNDED_ITEMS) * (largestJson(model, shape.key!.shape) + largestJson(model, shape.value!.shape) + 2);
    case 'string':
      return 2 + (shape.enum ? Math.max(...shape.enum.map((v) => v.length)) : (shape.max ?? UNBOUNDED_CHARS) * CHAR_BYTES);
    case 'blob':
      // base64
      return 2 + Math.ceil((shape.max ?? UNBOUNDED_CHARS) / 3) * 4;
    default:
      // numbers, booleans, timestamps
      return NUMBER_BYTES;
  }
}

/** Levels of arrays and objects a value of the shape opens (the models have no recursive shapes). */
function nesting(model: ServiceModel, name: string): number {
  const shape = model.shapes[name];
  switch (shape.type) {
    case 'structure':
      return 1 + Math.max(0, ...Object.values(shape.members ?? {}).map((ref) => nesting(model, ref.shape)));
    case 'list':
      return 1 + nesting(model, shape.member!.shape);
    case 'map':
      return 1 + nesting(model, shape.value!.shape);
    default:
      return 0;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * Whether JSON text opens more than `maxDepth` levels of arrays and objects: one pass over the
 * bytes that skips string contents (no byte of a multi-byte UTF-8 character is a quote or a
 * bracket). Malformed text is left to JSON.parse.
 */
export function nestsDeeper(text: Buffer, maxDepth: number): boolean {
  // Each level takes at least one byte.
  if (text.length <= maxDepth) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === QUOTE) i = closingQuote(text, i);
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
  }
  return false;
}

/** Where the string opened at `start` ends: the next quote not escaped by an odd run of backslashes. */
function closingQuote(text: Buffer, start: number): number {
  let end = start;
  for (;;) {
    end = text.indexOf(QUOTE, end + 1);
    if (end < 0) return text.length;
    let backslashes = 0;
    while (text[end - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
}
