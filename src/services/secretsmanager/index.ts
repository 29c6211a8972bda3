// Secrets Manager: one file per operation in operations/, listed in operations/index.ts; domain
// modules beside them (secrets, versions and their history, tags, replication, deletion,
// envelope encryption, listing, rotation); the seed-file section, the job that purges secrets
// whose recovery window has ended and the jobs that run rotations.
import { loadModel } from '../../protocol/model';
import type { KmsForServices } from '../kms/interface';
import type { RequestContext } from '../../pipeline/context';
import { loadedOnFirstCall, type AwsService, type ServiceDeps } from '../service';
import { authorizeSecretsManager } from './authorization';
import type { RotationDeps, SecretsManagerContext } from './context';
import { secretDeletionJobs } from './deletion';
import { secretsManagerOperations } from './operations';
import { rotationJobs } from './rotation-runs';

export function createSecretsManagerService(deps: ServiceDeps, kms: KmsForServices, rotation: RotationDeps): AwsService<SecretsManagerContext> {
  const model = loadModel('secretsmanager');
  const service: AwsService<SecretsManagerContext> = {
    name: 'secretsmanager',
    model,
    operations: loadedOnFirstCall(secretsManagerOperations),
    // The scope is made fresh for each request: extend it rather than copy it (hot path).
    context: (scope: RequestContext): SecretsManagerContext => Object.assign(scope, { deps, kms, rotation }),
    authorize: (ctx, operation, input) => authorizeSecretsManager(ctx, operation, input),
    jobs: [secretDeletionJobs(deps.store, deps.audit), ...rotationJobs((scope) => service.context(scope))],
    seed: (section, defaults, file) => {
      // Loaded with the first seed file (cold start).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { seedSecretsManager }: typeof import('./seed') = require('./seed');
      return seedSecretsManager(service, deps, section, defaults, file);
    },
  };
  return service;
}
