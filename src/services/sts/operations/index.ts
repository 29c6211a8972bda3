// The STS operation table: one file per operation, named exactly as the operation, checked
// against the registry generated from the model (StsHandlers). An operation of the model without
// a handler (AssumeRoleWithSAML, AssumeRoleWithWebIdentity, GetFederationToken, …) answers 501.
import type { StsHandlers } from '../../../protocol/generated/sts';
import type { StsContext } from '../context';
import { AssumeRole } from './AssumeRole';
import { GetAccessKeyInfo } from './GetAccessKeyInfo';
import { GetCallerIdentity } from './GetCallerIdentity';
import { GetSessionToken } from './GetSessionToken';

export const stsOperations = {
  AssumeRole,
  GetAccessKeyInfo,
  GetCallerIdentity,
  GetSessionToken,
} satisfies Partial<StsHandlers<StsContext>>;
