// Shared by the Secrets Manager tests: the messages AWS answers with, and small steps.
import { randomUUID } from 'node:crypto';
import { CreateSecretCommand, ListSecretVersionIdsCommand, type CreateSecretCommandInput, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Clock } from '../../../src/clock';
import { createKmsService } from '../../../src/services/kms';
import type { KeyRecord, KeyState } from '../../../src/services/kms/records';
import { createSecretsManagerService } from '../../../src/services/secretsmanager';
import { Store } from '../../../src/store/store';
import { ACCOUNT, REGION, type TestServer } from '../../helpers/server';

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

/** Moves the server's emulated clock (and runs the sweeps it makes due). */
export async function advanceClock(server: TestServer, seconds: number): Promise<void> {
  const res = await fetch(`${server.url}/_strongroom/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: seconds }) });
  if (!res.ok) throw new Error(`clock: ${res.status}`);
}

export async function resetClock(server: TestServer): Promise<void> {
  await fetch(`${server.url}/_strongroom/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offsetSeconds: 0 }) });
}

/** 00:00 UTC of today: AWS reports LastAccessedDate at day precision. */
export function today(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export const sorted = (stages: string[] | undefined) => [...(stages ?? [])].sort();

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

/**
 * Secrets Manager and KMS in process, without HTTP, for what the KMS API cannot do yet (a key
 * disabled or pending deletion): handlers are called with a context, as the front door does.
 */
export async function inProcess() {
  const store = await Store.open({ inMemory: true });
  const clock = new Clock();
  const deps = { store, clock, defaults: { accountId: ACCOUNT, region: REGION } };
  const kms = createKmsService(deps);
  const sm = createSecretsManagerService(deps, kms.engine);
  const ctx = () => sm.context({ requestId: randomUUID(), accountId: ACCOUNT, region: REGION, accessKeyId: 'AKIDEXAMPLE', now: clock.now() });
  return {
    call: <T>(operation: string, input: object) => sm.operations[operation](ctx(), input) as Promise<T>,
    /** A customer key, committed through the KMS engine. */
    async createKey(): Promise<KeyRecord> {
      const key = kms.engine.newKeyRecord({ accountId: ACCOUNT, region: REGION, now: clock.now() }, { keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT' });
      await store.commit([kms.engine.putKey(key)]);
      return key;
    },
    async setKeyState(keyId: string, state: KeyState): Promise<void> {
      const scope = { accountId: ACCOUNT, region: REGION, now: clock.now() };
      await kms.engine.updateKey(scope, keyId, {}, (key) => ({ ops: [kms.engine.putKey({ ...key, state })], result: undefined }));
    },
    close: () => store.close(),
  };
}
