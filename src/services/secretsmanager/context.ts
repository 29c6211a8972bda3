import type { KmsForServices } from '../kms/interface';
import type { Logger } from '../../log';
import type { RequestContext } from '../../pipeline/context';
import type { FunctionResolver, FunctionSession, FunctionSessionRequest } from '../../rotation/functions';
import type { ServiceDeps } from '../service';

/** What rotation needs from the server: its functions, its own URL (for the functions' SDKs), their timeout and the log. */
export interface RotationDeps {
  resolve: FunctionResolver;
  /** The server's base URL, known once it listens. */
  endpoint(): string;
  timeoutMs: number;
  logger: Logger;
  /** Who a function acts as, and the credentials its SDKs carry: a session of its execution role, or the account's root. */
  session(request: FunctionSessionRequest): FunctionSession;
}

/** What a Secrets Manager handler receives: the request's scope, the store, KMS and rotation. */
export interface SecretsManagerContext extends RequestContext {
  deps: ServiceDeps;
  kms: KmsForServices;
  rotation: RotationDeps;
}
