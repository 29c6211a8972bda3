// Secrets Manager: one file per operation in operations/, loaded by name; domain modules beside
// them (secrets, versions and their history, tags, replication, deletion, envelope encryption,
// listing); the seed-file section and the sweep that purges secrets whose recovery window has
// ended.
import { join } from 'node:path';
import { loadModel } from '../../protocol/model';
import type { KmsForServices } from '../kms/interface';
import { loadOperations } from '../operations';
import type { AwsService, RequestScope, ServiceDeps } from '../service';
import type { SecretsManagerContext } from './context';
import { sweepDeletions } from './deletion';
import { seedSecretsManager } from './seed';

export function createSecretsManagerService(deps: ServiceDeps, kms: KmsForServices): AwsService<SecretsManagerContext> {
  const model = loadModel('secretsmanager');
  const service: AwsService<SecretsManagerContext> = {
    name: 'secretsmanager',
    model,
    operations: loadOperations<SecretsManagerContext>(join(__dirname, 'operations'), model),
    // The scope is made fresh for each request: extend it rather than copy it (hot path).
    context: (scope: RequestScope): SecretsManagerContext => Object.assign(scope, { deps, kms }),
    sweep: (now: Date) => sweepDeletions(deps.store, now),
    seed: (section, defaults, file) => seedSecretsManager(service, deps, section, defaults, file),
  };
  return service;
}
