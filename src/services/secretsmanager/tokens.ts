// NextToken values: where a listing stopped (a sort key, never an offset), so pages stay
// right while secrets and versions come and go between calls. Opaque base64 JSON.
import { InvalidNextTokenException } from '../../protocol/errors';

export function encodeToken(position: object): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64');
}

export function decodeToken<T extends object>(token: string | undefined, valid: (value: Record<string, unknown>) => boolean): T | undefined {
  if (token === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || !valid(value as Record<string, unknown>)) {
    throw new InvalidNextTokenException('The NextToken value is invalid.');
  }
  return value as T;
}
