import type { UntagResourceRequest } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { updateSecret } from '../secrets';
import { removeTags } from '../tags';

export async function UntagResource(ctx: SecretsManagerContext, input: UntagResourceRequest): Promise<void> {
  await updateSecret(ctx, input.SecretId, {}, (record) => {
    // Once tagged, a secret shows `Tags: []` even after its last tag is removed (recorded from AWS).
    record.tags = removeTags(record.tags, input.TagKeys);
    record.lastChangedAt = ctx.now.getTime();
    return { after: record, result: undefined };
  });
}
