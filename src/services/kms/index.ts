// KMS (TrentService): one file per operation in operations/, loaded by name.
import { join } from 'node:path';
import { loadModel } from '../../protocol/model';
import { loadOperations } from '../operations';
import type { AwsService, RequestScope, ServiceDeps } from '../service';
import type { KmsContext } from './context';
import { sweepDeletions } from './deletion';
import { KmsEngine } from './engine';
import { seedKms } from './seed';

export interface KmsService extends AwsService<KmsContext> {
  engine: KmsEngine;
}

export function createKmsService(deps: ServiceDeps): KmsService {
  const model = loadModel('kms');
  const engine = new KmsEngine(deps);
  return {
    name: 'kms',
    model,
    engine,
    operations: loadOperations<KmsContext>(join(__dirname, 'operations'), model),
    // The scope is made fresh for each request: extend it rather than copy it (hot path).
    context: (scope: RequestScope): KmsContext => Object.assign(scope, { kms: engine }),
    seed: (section, defaults, file) => seedKms(engine, section, defaults, file),
    // Purges keys whose deletion window has passed on the emulated clock.
    sweep: (now) => sweepDeletions(engine, now),
    // Unsealed material must not outlive a reset in memory either.
    reset: () => engine.vault.clear(),
  };
}
