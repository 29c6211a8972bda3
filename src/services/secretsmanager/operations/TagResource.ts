import type { TagResourceRequest } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { updateSecret } from '../secrets';
import { mergeTags } from '../tags';

export async function TagResource(ctx: SecretsManagerContext, input: TagResourceRequest): Promise<void> {
  await updateSecret(ctx, input.SecretId, {}, (record) => {
    record.tags = mergeTags(record.tags, input.Tags);
    record.lastChangedAt = ctx.now.getTime();
    return { after: record, result: undefined };
  });
}
