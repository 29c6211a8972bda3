import type { GetSecretValueRequest, GetSecretValueResponse } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { findSecret } from '../secrets';
import { getValue } from '../values';

export async function GetSecretValue(ctx: SecretsManagerContext, input: GetSecretValueRequest): Promise<GetSecretValueResponse> {
  return getValue(ctx, await findSecret(ctx, input.SecretId), input.VersionId, input.VersionStage);
}
