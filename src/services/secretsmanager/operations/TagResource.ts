import type { TagResourceRequest } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerContext } from '../context';
import { updateSecret } from '../secrets';

export async function TagResource(ctx: SecretsManagerContext, input: TagResourceRequest): Promise<void> {
  await updateSecret(ctx, input.SecretId!, {}, (record) => {
    // Tags merge by key: a known key takes the new value in place, new keys are appended.
    const tags = (record.tags ??= []);
    for (const tag of input.Tags!) {
      const existing = tags.find((t) => t.Key === tag.Key);
      if (existing) existing.Value = tag.Value;
      else tags.push({ Key: tag.Key, Value: tag.Value });
    }
    record.lastChangedAt = ctx.now.getTime();
    return { after: record, result: undefined };
  });
}
