import type { GetParametersForImportRequest, GetParametersForImportResponse } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { checkExternal, importParameters } from '../imports';
import { checkState } from '../keys';
import { findOwnKey } from '../management';

export async function GetParametersForImport(ctx: KmsContext, input: GetParametersForImportRequest): Promise<GetParametersForImportResponse> {
  // Any state but PendingDeletion (FIDELITY B4); origin before state, as the recording shows it for AWS_KMS keys.
  const key = await findOwnKey(ctx, input.KeyId);
  checkExternal(key);
  checkState(key, 'manage');
  return importParameters(ctx, key, input.WrappingAlgorithm, input.WrappingKeySpec);
}
