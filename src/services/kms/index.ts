// KMS (TrentService): the operation table. One file per operation in operations/.
import { loadModel } from '../../protocol/model';
import type { AwsService, RequestScope, ServiceDeps } from '../service';
import type { KmsContext } from './context';
import { GenerateRandom } from './operations/GenerateRandom';

export function createKmsService(deps: ServiceDeps): AwsService<KmsContext> {
  return {
    name: 'kms',
    model: loadModel('kms'),
    operations: { GenerateRandom },
    context: (scope: RequestScope): KmsContext => ({ ...scope, deps }),
  };
}
