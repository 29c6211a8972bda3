// Shared by the Secrets Manager tests: the messages AWS answers with, and small steps.
import { randomUUID } from 'node:crypto';
import { CreateSecretCommand, ListSecretVersionIdsCommand, type CreateSecretCommandInput, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const NOT_FOUND = { name: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret.", status: 400 };
export const INVALID_NAME = {
  name: 'ValidationException',
  message: 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
  status: 400,
};
export const MARKED_FOR_DELETION = {
  name: 'InvalidRequestException',
  message: "You can't perform this operation on the secret because it was marked for deletion.",
  status: 400,
};
export const REPLICA_WRITE = {
  name: 'InvalidParameterException',
  message: "Operation not permitted on a replica secret. Call must be made in primary secret's region.",
  status: 400,
};
export const TOKEN_REQUIRED = { __type: 'InvalidRequestException', Message: 'You must provide a ClientRequestToken value. We recommend a UUID-type value.' };

/** Names that break the name rule (recorded from AWS: spaces, `*?!]\`). */
export const BAD_NAMES = ['Inv Name', ' Inv Name', ' Inv*Name? ', ' Inv *?!]Name\\-'];

export const token = () => randomUUID();

export async function createSecret(sm: SecretsManagerClient, input: Partial<CreateSecretCommandInput> & { Name: string }) {
  return sm.send(new CreateSecretCommand(input));
}

/** 00:00 UTC of today: AWS reports LastAccessedDate at day precision. */
export function today(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const sorted = (stages: string[] | undefined) => [...(stages ?? [])].sort();

/** Version id → sorted labels, from ListSecretVersionIds (deprecated versions map to []). */
export async function stagesOf(sm: SecretsManagerClient, secretId: string, includeDeprecated = false): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  let next: string | undefined;
  do {
    const res = await sm.send(new ListSecretVersionIdsCommand({ SecretId: secretId, IncludeDeprecated: includeDeprecated, NextToken: next }));
    for (const v of res.Versions!) out[v.VersionId!] = sorted(v.VersionStages);
    next = res.NextToken;
  } while (next);
  return out;
}
