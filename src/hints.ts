// The not-found hint. A client pointed at the wrong region or account asks for a secret or key
// this server holds elsewhere, and gets AWS's not-found error, unchanged. The log then says where
// the name does exist, once, at info:
//
//   hint: secret 'app/db' was not found in 000000000000/eu-west-1 but exists in 000000000000/us-east-1
//
// The answer itself never says so: on AWS, resources of other regions and accounts are invisible.
import type { FinishedCall } from './audit/types';
import { rootPrincipal, type InProcessCall } from './pipeline/context';
import { partition } from './regions';

interface Place {
  accountId: string;
  region: string;
}

/** How a service's not-found is told, and how to look the same name up in another place. */
interface Probe {
  /** The error its operations answer when the resource is missing. */
  error: string;
  /** Where the service keeps the resources (a Store census kind). */
  kind: string;
  /** The input members that name the resource. */
  members: string[];
  what(name: string): string;
  /** An operation that finds the resource by any of the names above, changing nothing. */
  operation: string;
  input(name: string): Record<string, unknown>;
}

const PROBES: Record<string, Probe> = {
  secretsmanager: {
    error: 'ResourceNotFoundException',
    kind: 'secretsmanager/secrets',
    members: ['SecretId'],
    what: () => 'secret',
    operation: 'DescribeSecret',
    input: (name) => ({ SecretId: name }),
  },
  kms: {
    error: 'NotFoundException',
    kind: 'kms/keys',
    // Any of these may be the one missing (ReEncrypt's destination, CreateAlias's target, …).
    members: ['KeyId', 'TargetKeyId', 'SourceKeyId', 'DestinationKeyId', 'AliasName'],
    what: (name) => (name.startsWith('alias/') ? 'alias' : 'key'),
    operation: 'DescribeKey',
    input: (name) => ({ KeyId: name }),
  },
};

/** At most this many other places are looked in: a hint is a convenience, not a search engine. */
const HINT_PLACES = 50;

const where = (place: Place) => `${place.accountId}/${place.region}`;

/**
 * The hint for a finished call, or undefined: only for a not-found of a name, id or alias (an
 * ARN names its place already) that is missing where the call looked and present elsewhere.
 * `places(kind)` lists the places holding resources of a kind; `call` runs the lookups in
 * process, as Strongroom itself (trusted: no policy applies, no audit event).
 */
export function notFoundHint(places: (kind: string) => Promise<Place[]>, call: InProcessCall): (finished: FinishedCall) => Promise<string | undefined> {
  return async ({ ctx, input, error }) => {
    const probe = PROBES[ctx.service];
    if (!probe || error?.name !== probe.error || !input) return undefined;
    const names = probe.members.map((member) => input[member]).filter((name): name is string => typeof name === 'string' && !name.startsWith('arn:'));
    if (names.length === 0) return undefined;
    const here: Place = { accountId: ctx.accountId, region: ctx.region };
    const holding = await places(probe.kind);
    const exists = (place: Place, name: string) =>
      call(ctx.service, probe.operation, probe.input(name), {
        principal: rootPrincipal(place.accountId, 'strongroom', partition(place.region)),
        region: place.region,
        trusted: true,
        // Logged at debug, as a service's call for another is: the client's own line says it.
        invokedBy: 'strongroom',
      }).then(
        () => true,
        () => false,
      );
    const others = holding.filter((place) => where(place) !== where(here)).slice(0, HINT_PLACES);
    for (const name of names) {
      // Found where the call looked: the missing thing was something else (a version, a grant).
      if (holding.some((place) => where(place) === where(here)) && (await exists(here, name))) continue;
      const found: Place[] = [];
      for (const place of others) if (await exists(place, name)) found.push(place);
      if (found.length > 0) return `hint: ${probe.what(name)} '${name}' was not found in ${where(here)} but exists in ${found.map(where).join(', ')}`;
    }
    return undefined;
  };
}
