import type { UntagResourceRequest } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { changeCustomerKey, putChanged } from '../management';

export async function UntagResource(ctx: KmsContext, input: UntagResourceRequest): Promise<void> {
  // Keys the key does not carry are ignored, as on AWS.
  const removed = new Set(input.TagKeys);
  await changeCustomerKey(ctx, input.KeyId, 'UntagResource', 'manage', (key) => putChanged(ctx, key, { tags: key.tags.filter((t) => !removed.has(t.TagKey)) }));
}
