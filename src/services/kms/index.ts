// KMS (TrentService): the operation table. One file per operation in operations/.
import { loadModel } from '../../protocol/model';
import type { AwsService, RequestScope, ServiceDeps } from '../service';
import type { KmsContext } from './context';
import { KmsEngine } from './engine';
import { CreateKey } from './operations/CreateKey';
import { DescribeKey } from './operations/DescribeKey';
import { GenerateRandom } from './operations/GenerateRandom';

export interface KmsService extends AwsService<KmsContext> {
  engine: KmsEngine;
}

export function createKmsService(deps: ServiceDeps): KmsService {
  const engine = new KmsEngine(deps);
  return {
    name: 'kms',
    model: loadModel('kms'),
    engine,
    operations: { CreateKey, DescribeKey, GenerateRandom },
    context: (scope: RequestScope): KmsContext => ({ ...scope, kms: engine }),
  };
}
