import type { APIErrorType, BatchGetSecretValueRequest, BatchGetSecretValueResponse, SecretValueEntry } from '../../../protocol/generated/secretsmanager';
import { AwsError, InvalidParameterException } from '../../../protocol/errors';
import type { SecretsManagerContext } from '../context';
import { listSecrets } from '../listing';
import type { SecretRecord } from '../records';
import { findSecret } from '../secrets';
import { getValue } from '../values';

const DEFAULT_MAX_RESULTS = 20;

/** GetSecretValue for each secret; a secret that fails goes to Errors instead of failing the call. */
export async function BatchGetSecretValue(ctx: SecretsManagerContext, input: BatchGetSecretValueRequest): Promise<BatchGetSecretValueResponse> {
  const { SecretIdList, Filters } = input;
  if ((SecretIdList === undefined) === (Filters === undefined)) throw new InvalidParameterException("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
  if (input.MaxResults !== undefined && Filters === undefined) {
    throw new InvalidParameterException("'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.");
  }
  const SecretValues: SecretValueEntry[] = [];
  const Errors: APIErrorType[] = [];
  const read = async (secretId: string, find: () => Promise<SecretRecord>) => {
    try {
      SecretValues.push(await getValue(ctx, await find()));
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      Errors.push({ SecretId: secretId, ErrorCode: err.name, Message: err.message });
    }
  };
  if (SecretIdList !== undefined) {
    for (const secretId of SecretIdList) await read(secretId, () => findSecret(ctx, secretId));
    return { SecretValues, Errors };
  }
  const { records, nextToken } = await listSecrets(ctx, { filters: Filters, maxResults: input.MaxResults ?? DEFAULT_MAX_RESULTS, nextToken: input.NextToken });
  for (const record of records) await read(record.arn, async () => record);
  return { SecretValues, Errors, NextToken: nextToken };
}
