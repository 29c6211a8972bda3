// Secrets Manager: one file per operation in operations/, loaded by name.
import { join } from 'node:path';
import { loadModel } from '../../protocol/model';
import type { KmsForServices } from '../kms/interface';
import { loadOperations } from '../operations';
import type { AwsService, RequestScope, ServiceDeps } from '../service';
import type { SecretsManagerContext } from './context';

export function createSecretsManagerService(deps: ServiceDeps, kms: KmsForServices): AwsService<SecretsManagerContext> {
  const model = loadModel('secretsmanager');
  return {
    name: 'secretsmanager',
    model,
    operations: loadOperations<SecretsManagerContext>(join(__dirname, 'operations'), model),
    context: (scope: RequestScope): SecretsManagerContext => ({ ...scope, deps, kms }),
  };
}
