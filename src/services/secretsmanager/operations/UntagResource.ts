import type { UntagResourceRequest } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerContext } from '../context';
import { updateSecret } from '../secrets';

export async function UntagResource(ctx: SecretsManagerContext, input: UntagResourceRequest): Promise<void> {
  await updateSecret(ctx, input.SecretId!, {}, (record) => {
    const removed = new Set(input.TagKeys);
    // Once tagged, a secret shows `Tags: []` even after its last tag is removed (recorded from AWS).
    record.tags = (record.tags ?? []).filter((t) => !removed.has(t.Key!));
    record.lastChangedAt = ctx.now.getTime();
    return { after: record, result: undefined };
  });
}
