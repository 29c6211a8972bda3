import type { GetAccessKeyInfoRequest, GetAccessKeyInfoResponse } from '../../../protocol/generated/sts';
import { accountOf } from '../../../pipeline/steps/identity';
import type { StsContext } from '../context';

/** The account of any access key, as AWS answers it (no permission needed, the key need not be the caller's). */
export function GetAccessKeyInfo(ctx: StsContext, input: GetAccessKeyInfoRequest): GetAccessKeyInfoResponse {
  // A key the directory does not know belongs where open mode puts it (the default account).
  const account = ctx.sts.directory.accountOfKey(input.AccessKeyId) ?? accountOf(input.AccessKeyId, ctx.sts.defaultAccount);
  return { Account: account };
}
