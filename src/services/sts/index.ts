// STS (AWS Security Token Service) on the same endpoint, in AWS's query protocol (form-encoded
// requests, XML answers: src/protocol/query.ts): who the caller is, and temporary credentials
// issued by the IAM directory. One file per operation in operations/.
import type { IamDirectory } from '../../auth/types';
import type { RequestContext } from '../../pipeline/context';
import { loadModel } from '../../protocol/model';
import { loadedOnFirstCall, type AwsService, type ServiceDeps } from '../service';
import { authorizeSts } from './authorization';
import type { StsContext } from './context';
import { stsOperations } from './operations';

export function createStsService(deps: ServiceDeps, directory: IamDirectory): AwsService<StsContext> {
  const sts = { directory, defaultAccount: deps.defaults.accountId };
  return {
    name: 'sts',
    model: loadModel('sts'),
    operations: loadedOnFirstCall(stsOperations),
    context: (scope: RequestContext): StsContext => Object.assign(scope, { sts }),
    authorize: authorizeSts,
  };
}
