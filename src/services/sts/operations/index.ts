// The STS operation table: one file per operation, named exactly as the operation, checked
// against the registry generated from the model (StsHandlers). An operation of the model without
// a handler (AssumeRoleWithSAML, AssumeRoleWithWebIdentity, GetFederationToken, …) answers 501.
import type { StsHandlers } from '../../../protocol/generated/sts';
import type { StsContext } from '../context';
import type { OperationLoaders } from '../../service';

export const stsOperations = {
  AssumeRole: () => (require('./AssumeRole') as typeof import('./AssumeRole')).AssumeRole,
  GetAccessKeyInfo: () => (require('./GetAccessKeyInfo') as typeof import('./GetAccessKeyInfo')).GetAccessKeyInfo,
  GetCallerIdentity: () => (require('./GetCallerIdentity') as typeof import('./GetCallerIdentity')).GetCallerIdentity,
  GetSessionToken: () => (require('./GetSessionToken') as typeof import('./GetSessionToken')).GetSessionToken,
} satisfies OperationLoaders<StsHandlers<StsContext>>;
