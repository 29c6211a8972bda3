// The CloudTrail operation table: one file per operation, named exactly as the operation, checked
// against the registry generated from the model (CloudTrailHandlers). An operation of the model
// without a handler (CreateTrail, StartQuery, …) answers 501.
import type { CloudTrailHandlers } from '../../../protocol/generated/cloudtrail';
import type { CloudTrailContext } from '../context';
import { LookupEvents } from './LookupEvents';

export const cloudTrailOperations = {
  LookupEvents,
} satisfies Partial<CloudTrailHandlers<CloudTrailContext>>;
