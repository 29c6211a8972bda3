// The authorize step: whether the principal may call the operation on the resources it
// resolves. Open mode (the only one yet) allows everything; strict mode will evaluate identity,
// key and resource policies and grants here, never in handlers.
import type { RequestContext } from '../context';

export function authorizeStep(_ctx: RequestContext, _input: unknown): void {
  // Open mode: every well-formed request is allowed.
}
