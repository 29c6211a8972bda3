import type { KmsForServices } from '../kms/interface';
import type { RequestScope, ServiceDeps } from '../service';

/** What a Secrets Manager handler receives: the request's scope, the store and KMS. */
export interface SecretsManagerContext extends RequestScope {
  deps: ServiceDeps;
  kms: KmsForServices;
}
