import type { TagResourceRequest } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { changeCustomerKey, putChanged } from '../management';
import { mergeTags } from '../tags';

export async function TagResource(ctx: KmsContext, input: TagResourceRequest): Promise<void> {
  await changeCustomerKey(ctx, input.KeyId, 'TagResource', 'manage', (key) => putChanged(ctx, key, { tags: mergeTags(key.tags, input.Tags) }));
}
