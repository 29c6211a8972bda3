// How the export reads state: AWS operations run in process as the root of the account it
// reads, trusted (Strongroom acting as itself: no policy is evaluated and the audit trail does
// not record the calls), so it sees exactly what a client of that account would see.
import type { InProcessCall } from '../pipeline/context';
import { rootPrincipal } from '../pipeline/context';
import { partition } from '../regions';

/** An account and region that holds something. */
export interface Place {
  accountId: string;
  region: string;
}

export type Read = <T>(service: 'kms' | 'secretsmanager', operation: string, input: Record<string, unknown>) => Promise<T>;

/** The operations of one place, called as its account's root. */
export function reader(call: InProcessCall, place: Place): Read {
  const caller = { principal: rootPrincipal(place.accountId, 'strongroom-export', partition(place.region)), region: place.region, trusted: true };
  return (service, operation, input) => call(service, operation, input, caller);
}

/**
 * Every item of a paginated list operation: `items` names the list in the answer, `token` the
 * request's and the answer's pagination field (KMS: Marker / NextMarker, Secrets Manager:
 * NextToken / NextToken).
 */
export async function all<T>(read: Read, service: 'kms' | 'secretsmanager', operation: string, input: Record<string, unknown>, items: string, token: [string, string]): Promise<T[]> {
  const found: T[] = [];
  let next: string | undefined;
  do {
    const page = await read<Record<string, unknown>>(service, operation, next === undefined ? input : { ...input, [token[0]]: next });
    found.push(...((page[items] as T[] | undefined) ?? []));
    next = page[token[1]] as string | undefined;
  } while (next !== undefined);
  return found;
}

/** A policy document as a mapping (readable in the file); text that is not JSON stays text. */
export function policyDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Tags as a mapping sorted by key: the seed file's short form, in a stable order. */
export function tagMapping(tags: [string, string][]): Record<string, string> | undefined {
  if (tags.length === 0) return undefined;
  return Object.fromEntries([...tags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
