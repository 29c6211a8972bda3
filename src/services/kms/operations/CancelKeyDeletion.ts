import type { CancelKeyDeletionRequest, CancelKeyDeletionResponse } from '../../../protocol/generated/kms';
import { KMSInvalidStateException } from '../../../protocol/errors';
import type { KmsContext } from '../context';
import { unscheduleDeletion } from '../deletion';
import { changeCustomerKey } from '../management';
import type { KeyRecord, KeyState } from '../records';

/**
 * AWS returns a cancelled key Disabled, never Enabled. An imported key without usable material
 * goes back to PendingImport (ImportKeyMaterial sets ExpirationModel, DeleteImportedKeyMaterial
 * removes it).
 */
function stateAfterCancel(key: KeyRecord): KeyState {
  return key.origin === 'EXTERNAL' && key.expirationModel === undefined ? 'PendingImport' : 'Disabled';
}

export async function CancelKeyDeletion(ctx: KmsContext, input: CancelKeyDeletionRequest): Promise<CancelKeyDeletionResponse> {
  return changeCustomerKey(ctx, input.KeyId, 'CancelKeyDeletion', 'any', (key) => {
    // A primary waiting for its replicas' deletion (PendingReplicaDeletion) has no purge job yet.
    if (key.state !== 'PendingDeletion' && key.state !== 'PendingReplicaDeletion') throw new KMSInvalidStateException(`${key.arn} is not pending deletion.`);
    const { deletionDate: _deletionDate, pendingWindowInDays: _window, ...kept } = key;
    return {
      ops: [ctx.kms.putKey({ ...kept, state: stateAfterCancel(key) }), ...(key.deletionDate === undefined ? [] : [unscheduleDeletion(ctx.kms, key)])],
      result: { KeyId: key.arn },
    };
  });
}
