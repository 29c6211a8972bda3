import type { ScheduleKeyDeletionRequest, ScheduleKeyDeletionResponse } from '../../../protocol/generated/kms';
import { ValidationException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { scheduleDeletion } from '../deletion';
import { relatedRegions } from '../keys';
import { changeCustomerKey } from '../management';
import type { KeyRecord } from '../records';

const DAY_MS = 86_400_000;
const DEFAULT_WINDOW_DAYS = 30;

export async function ScheduleKeyDeletion(ctx: KmsContext, input: ScheduleKeyDeletionRequest): Promise<ScheduleKeyDeletionResponse> {
  // The model allows 1–365 days; the service still enforces the documented 7–30.
  const days = input.PendingWindowInDays ?? DEFAULT_WINDOW_DAYS;
  if (days < 7 || days > 30) throw new ValidationException('PendingWindowInDays must be between 7 and 30');
  // Any state but PendingDeletion (a second schedule is KMSInvalidStateException `<arn> is pending deletion.`).
  return changeCustomerKey<ScheduleKeyDeletionResponse>(ctx, input.KeyId, 'ScheduleKeyDeletion', 'manage', (key) => {
    // A multi-Region primary with replicas waits in PendingReplicaDeletion; its waiting period
    // starts when its last replica is deleted (AWS key-state docs; deletion.ts).
    const { primary, replicas } = relatedRegions(key);
    if (key.multiRegion && primary === key.region && replicas.length > 0) {
      const waiting: KeyRecord = { ...key, state: 'PendingReplicaDeletion', pendingWindowInDays: days };
      return { ops: [ctx.kms.putKey(waiting)], result: { KeyId: key.arn, KeyState: 'PendingReplicaDeletion', PendingWindowInDays: days } };
    }
    const deletionDate = ctx.now.getTime() + days * DAY_MS;
    const scheduled: KeyRecord = { ...key, state: 'PendingDeletion', deletionDate, pendingWindowInDays: days };
    return {
      ops: [ctx.kms.putKey(scheduled), scheduleDeletion(ctx.kms, scheduled)],
      result: { KeyId: key.arn, DeletionDate: new Date(deletionDate), KeyState: 'PendingDeletion', PendingWindowInDays: days },
    };
  });
}
