import type { KmsForServices } from '../kms/interface';
import type { RequestContext } from '../../pipeline/context';
import type { ServiceDeps } from '../service';

/** What a Secrets Manager handler receives: the request's scope, the store and KMS. */
export interface SecretsManagerContext extends RequestContext {
  deps: ServiceDeps;
  kms: KmsForServices;
}
