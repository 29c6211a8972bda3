// Writes a handler's result by the operation's output shape: members the model does not
// list are dropped, unset members are omitted (never null), Dates become epoch seconds,
// bytes become base64 — what the AWS JSON 1.1 protocol carries.
import type { MemberRef, ServiceModel } from './model';

/** What was written of a frozen structure (a view kept with a cached record), by shape: it cannot change. */
const written = new WeakMap<object, { shape: string; out: Record<string, unknown> }>();

function write(model: ServiceModel, ref: MemberRef, value: unknown): unknown {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case 'structure': {
      const source = value as Record<string, unknown>;
      const frozen = Object.isFrozen(source);
      if (frozen) {
        const held = written.get(source);
        if (held?.shape === ref.shape) return held.out;
      }
      const out: Record<string, unknown> = {};
      for (const name in shape.members) {
        const v = source[name];
        if (v !== undefined && v !== null) out[name] = write(model, shape.members[name], v);
      }
      if (frozen) written.set(source, { shape: ref.shape, out: Object.freeze(out) });
      return out;
    }
    case 'timestamp':
      return (value as Date).getTime() / 1000;
    case 'blob':
      return Buffer.isBuffer(value) ? value.toString('base64') : Buffer.from(value as Uint8Array).toString('base64');
    case 'list':
      return (value as unknown[]).map((item) => write(model, shape.member!, item));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = write(model, shape.value!, v);
      return out;
    }
    default:
      return value;
  }
}

export function writeOutput(model: ServiceModel, outputShape: string | undefined, result: unknown): Record<string, unknown> {
  if (!outputShape || result === undefined || result === null) return {};
  return write(model, { shape: outputShape }, result) as Record<string, unknown>;
}
