// Secrets Manager: the operation table. One file per operation in operations/.
import { loadModel } from '../../protocol/model';
import type { KmsForServices } from '../kms/interface';
import type { AwsService, RequestScope, ServiceDeps } from '../service';
import type { SecretsManagerContext } from './context';
import { GetRandomPassword } from './operations/GetRandomPassword';

export function createSecretsManagerService(deps: ServiceDeps, kms: KmsForServices): AwsService<SecretsManagerContext> {
  return {
    name: 'secretsmanager',
    model: loadModel('secretsmanager'),
    operations: { GetRandomPassword },
    context: (scope: RequestScope): SecretsManagerContext => ({ ...scope, deps, kms }),
  };
}
