import type { DescribeSecretRequest, DescribeSecretResponse } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerContext } from '../context';
import { findSecret } from '../secrets';
import { describeSecret } from '../views';

export async function DescribeSecret(ctx: SecretsManagerContext, input: DescribeSecretRequest): Promise<DescribeSecretResponse> {
  return describeSecret(await findSecret(ctx, input.SecretId!));
}
