// The CloudTrail operation table: one file per operation, named exactly as the operation, checked
// against the registry generated from the model (CloudTrailHandlers). An operation of the model
// without a handler (CreateTrail, StartQuery, …) answers 501.
import type { CloudTrailHandlers } from '../../../protocol/generated/cloudtrail';
import type { CloudTrailContext } from '../context';
import type { OperationLoaders } from '../../service';

export const cloudTrailOperations = {
  LookupEvents: () => (require('./LookupEvents') as typeof import('./LookupEvents')).LookupEvents,
} satisfies OperationLoaders<CloudTrailHandlers<CloudTrailContext>>;
