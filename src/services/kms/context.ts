import type { RequestScope, ServiceDeps } from '../service';

/** What a KMS handler receives: the request's scope and the engine's parts. */
export interface KmsContext extends RequestScope {
  deps: ServiceDeps;
}
