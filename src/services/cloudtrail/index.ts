// The CloudTrail API on the same endpoint (AWS JSON 1.1): the event history of the audit trail
// (src/audit/trail.ts), read with LookupEvents. The whole model is served; its other operations
// (trails, event data stores, Lake queries, …) answer 501.
import type { Trail } from '../../audit/types';
import type { RequestContext } from '../../pipeline/context';
import { loadModel } from '../../protocol/model';
import { loadedOnFirstCall, type AwsService } from '../service';
import { authorizeCloudTrail } from './authorization';
import type { CloudTrailContext } from './context';
import { cloudTrailOperations } from './operations';

export function createCloudTrailService(trail: Pick<Trail, 'lookup'>): AwsService<CloudTrailContext> {
  return {
    name: 'cloudtrail',
    model: loadModel('cloudtrail'),
    operations: loadedOnFirstCall(cloudTrailOperations),
    context: (scope: RequestContext): CloudTrailContext => Object.assign(scope, { trail }),
    authorize: authorizeCloudTrail,
  };
}
