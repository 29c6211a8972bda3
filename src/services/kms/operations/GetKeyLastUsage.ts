import type { GetKeyLastUsageRequest, GetKeyLastUsageResponse, KeyLastUsageTrackingOperation } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { findOwnKey } from '../management';

export async function GetKeyLastUsage(ctx: KmsContext, input: GetKeyLastUsageRequest): Promise<GetKeyLastUsageResponse> {
  // Keys of the caller's account, by key id or ARN, in any state (AWS: cross-account use no).
  const key = await findOwnKey(ctx, input.KeyId);
  const { audit } = ctx.kms.deps;
  const [usage, start] = await Promise.all([audit.keyLastUsage(key.accountId, key.region, key.arn), audit.trackingStartDate()]);
  const created = new Date(key.createdAt);
  return {
    KeyId: key.keyId,
    // Absent while the key has no use recorded since tracking began.
    KeyLastUsage: usage && {
      Operation: usage.operation as KeyLastUsageTrackingOperation,
      Timestamp: usage.timestamp,
      CloudTrailEventId: usage.cloudTrailEventId,
      KmsRequestId: usage.kmsRequestId,
    },
    // AWS: when tracking began, or the key's creation if later.
    TrackingStartDate: start > created ? start : created,
    KeyCreationDate: created,
  };
}
