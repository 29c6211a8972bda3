// KMS (TrentService): one file per operation in operations/, listed in operations/index.ts.
import { loadModel } from '../../protocol/model';
import type { RequestContext } from '../../pipeline/context';
import { loadedOnFirstCall, type AwsService, type ServiceDeps } from '../service';
import { authorizeKms } from './authorization';
import type { KmsContext } from './context';
import { keyStoreConnectionJobs } from './custom-key-stores';
import { keyDeletionJobs } from './deletion';
import { KmsEngine } from './engine';
import { checkingGrantTokens } from './grant-tokens';
import { materialExpiryJobs } from './imports';
import { exportKeyMaterial, type ExportedMaterial } from './material-export';
import { replicaJobs } from './multi-region';
import { kmsOperations } from './operations';
import { keyRotationJobs } from './rotation';

export interface KmsService extends AwsService<KmsContext> {
  engine: KmsEngine;
  /** A key's material as the seed file takes it (base64), for the state export only (material-export.ts). */
  exportMaterial(accountId: string, region: string, keyId: string): Promise<ExportedMaterial | undefined>;
}

export function createKmsService(deps: ServiceDeps): KmsService {
  const model = loadModel('kms');
  const engine = new KmsEngine(deps);
  return {
    name: 'kms',
    model,
    engine,
    exportMaterial: (accountId, region, keyId) => exportKeyMaterial(engine, accountId, region, keyId),
    // GrantTokens are checked for every operation that takes them (grant-tokens.ts).
    operations: checkingGrantTokens(model, loadedOnFirstCall(kmsOperations)),
    // The scope is made fresh for each request: extend it rather than copy it (hot path).
    context: (scope: RequestContext): KmsContext => Object.assign(scope, { kms: engine }),
    authorize: (ctx, operation, input) => authorizeKms(ctx, operation, input),
    seed: (section, defaults, file) => {
      // Loaded with the first seed file (cold start).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { seedKms }: typeof import('./seed') = require('./seed');
      return seedKms(engine, section, defaults, file);
    },
    // Purges keys whose deletion window has passed, rotates keys whose rotation date has
    // passed, on the emulated clock; completes custom key store connections; deletes imported
    // material whose ValidTo has passed; completes multi-Region replicas.
    jobs: [keyDeletionJobs(engine), keyRotationJobs(engine), keyStoreConnectionJobs(engine), materialExpiryJobs(engine), replicaJobs(engine)],
    // Unsealed material must not outlive a reset in memory either.
    reset: () => engine.vault.clear(),
  };
}
