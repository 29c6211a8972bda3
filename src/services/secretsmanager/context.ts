import type { RequestScope, ServiceDeps } from '../service';

/** What a Secrets Manager handler receives: the request's scope and the service's parts. */
export interface SecretsManagerContext extends RequestScope {
  deps: ServiceDeps;
}
