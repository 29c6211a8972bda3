// What each Secrets Manager operation needs to be allowed (docs/access-control.md): the
// actions, resources and condition keys of AWS's Service Authorization Reference ("Actions,
// resources, and condition keys for AWS Secrets Manager") and of each API page's "Required
// permissions". Secrets are resolved as the handlers resolve them (lookupSecret, the path
// findSecret takes); a secret that does not exist is described by the ARN the caller named, with
// no policy, so a caller without permission is denied before learning whether it exists.
import { storedPolicy } from '../../auth/policy/grammar';
import { perFrozen } from '../../memo';
import type { AuthorizationTarget, ConditionValues } from '../../auth/types';
import type * as Sm from '../../protocol/generated/secretsmanager';
import { partition } from '../../regions';
import { parseArn } from '../shared/arn';
import { addCondition, conditionValues, frozenConditions, mergeConditions } from '../shared/authorization';
import type { SecretsManagerContext } from './context';
import { newArnSuffix, secretArn } from './identifiers';
import type { SecretRecord } from './records';
import { lookupSecret, secretsOf } from './secrets';

type Targets = Promise<AuthorizationTarget[]>;
type Describer = (ctx: SecretsManagerContext, input: never) => Targets;

const bool = (value: boolean | undefined) => (value === undefined ? undefined : String(value));

/** The condition keys of the secret resource type: its ARN, tags (both prefixes), primary Region, rotation function and type. Made once per cached record (read-only). */
const secretConditions = perFrozen((record: SecretRecord): ConditionValues => {
  const c = conditionValues({
    'secretsmanager:SecretId': record.arn,
    'secretsmanager:SecretPrimaryRegion': record.primaryRegion ?? record.region,
    'secretsmanager:resource/AllowRotationLambdaArn': record.rotation?.lambdaArn,
    'secretsmanager:resource/Type': record.type,
  });
  for (const { Key, Value } of record.tags ?? []) {
    if (Key === undefined) continue;
    addCondition(c, `aws:ResourceTag/${Key}`, Value ?? '');
    addCondition(c, `secretsmanager:ResourceTag/${Key}`, Value ?? '');
  }
  return c;
}, frozenConditions);

/** A check of `action` on an existing secret: its ARN, account, resource policy and condition keys. */
function onSecret(action: string, record: SecretRecord, conditions: ConditionValues = {}): AuthorizationTarget {
  return {
    action: `secretsmanager:${action}`,
    resource: record.arn,
    resourceAccount: record.accountId,
    resourcePolicy: record.policy === undefined ? undefined : storedPolicy(record.policy),
    resourcePolicyKind: 'resource',
    conditions: mergeConditions(secretConditions(record), conditions),
  };
}

/** The ARN a SecretId names when no secret has it: an ARN as given, a name as its ARN without the random suffix. */
function namedArn(ctx: SecretsManagerContext, secretId: string): { arn: string; accountId: string } {
  if (secretId.startsWith('arn:')) {
    const account = parseArn(secretId)?.account;
    return { arn: secretId, accountId: account && /^\d{12}$/.test(account) ? account : ctx.accountId };
  }
  return { arn: `arn:${partition(ctx.region)}:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${secretId}`, accountId: ctx.accountId };
}

/** A check of `action` on what a SecretId names: the secret, or the ARN it would have. */
async function onSecretId(ctx: SecretsManagerContext, action: string, secretId: string, conditions: ConditionValues = {}): Promise<AuthorizationTarget> {
  const record = await lookupSecret(ctx, secretId);
  if (record) return onSecret(action, record, conditions);
  const { arn, accountId } = namedArn(ctx, secretId);
  return { action: `secretsmanager:${action}`, resource: arn, resourceAccount: accountId, conditions: mergeConditions({ 'secretsmanager:secretid': [arn] }, conditions) };
}

/** A check of an action without a resource type (`*`): identity policies only. */
function onAccount(ctx: SecretsManagerContext, action: string, conditions: ConditionValues = {}): AuthorizationTarget {
  return { action: `secretsmanager:${action}`, resource: '*', resourceAccount: ctx.accountId, conditions };
}

/** An operation on the secret its SecretId names, with condition keys from the request. */
function bySecretId<I extends { SecretId: string }>(action: string, conditions?: (input: I) => ConditionValues): Describer {
  return (async (ctx: SecretsManagerContext, input: I) => [await onSecretId(ctx, action, input.SecretId, conditions?.(input))]) as Describer;
}

function accountWide(action: string): Describer {
  return (ctx) => Promise.resolve([onAccount(ctx, action)]);
}

/** aws:RequestTag/<key> and aws:TagKeys of the tags a request adds. */
function requestTags(tags: Sm.Tag[] | undefined): ConditionValues {
  const c: ConditionValues = {};
  for (const { Key, Value } of tags ?? []) {
    if (Key === undefined) continue;
    addCondition(c, `aws:RequestTag/${Key}`, Value ?? '');
    addCondition(c, 'aws:TagKeys', Key);
  }
  return c;
}

function replicaConditions(regions: Sm.ReplicaRegionType[] | undefined, force: boolean | undefined): ConditionValues {
  const c = conditionValues({ 'secretsmanager:ForceOverwriteReplicaSecret': bool(force) });
  for (const { Region } of regions ?? []) addCondition(c, 'secretsmanager:AddReplicaRegions', Region);
  return c;
}

/**
 * CreateSecret: secretsmanager:CreateSecret on the ARN the new secret gets (the name, a hyphen
 * and six random characters, so `secret:app/*` and `secret:app/x-??????` both match), plus
 * secretsmanager:TagResource with Tags and secretsmanager:ReplicateSecretToRegions with
 * AddReplicaRegions (AWS's CreateSecret "Required permissions"). A name already taken is that
 * secret (the handler answers a retry or ResourceExistsException).
 */
async function createSecret(ctx: SecretsManagerContext, input: Sm.CreateSecretRequest): Targets {
  const existing = await secretsOf(ctx).get(ctx.accountId, ctx.region, input.Name);
  const arn = existing?.arn ?? secretArn(ctx.region, ctx.accountId, input.Name, newArnSuffix());
  const tags = requestTags(input.Tags);
  const replicas = replicaConditions(input.AddReplicaRegions, input.ForceOverwriteReplicaSecret);
  const conditions = mergeConditions(
    conditionValues({ 'secretsmanager:SecretId': arn, 'secretsmanager:Name': input.Name, 'secretsmanager:Description': input.Description, 'secretsmanager:KmsKeyId': input.KmsKeyId }),
    tags,
    replicas,
  );
  const target = (action: string, extra: ConditionValues): AuthorizationTarget =>
    existing ? onSecret(action, existing, extra) : { action: `secretsmanager:${action}`, resource: arn, resourceAccount: ctx.accountId, conditions: extra };
  const targets = [target('CreateSecret', conditions)];
  if (input.Tags?.length) targets.push(target('TagResource', conditions));
  if (input.AddReplicaRegions?.length) targets.push(target('ReplicateSecretToRegions', conditions));
  return targets;
}

/**
 * BatchGetSecretValue: the action itself (no resource), and secretsmanager:GetSecretValue on
 * each listed secret; with Filters, secretsmanager:ListSecrets (the secrets it finds are not
 * checked one by one).
 */
async function batchGetSecretValue(ctx: SecretsManagerContext, input: Sm.BatchGetSecretValueRequest): Targets {
  const targets = [onAccount(ctx, 'BatchGetSecretValue')];
  if (input.Filters !== undefined) targets.push(onAccount(ctx, 'ListSecrets'));
  for (const secretId of input.SecretIdList ?? []) targets.push(await onSecretId(ctx, 'GetSecretValue', secretId, conditionValues({ 'secretsmanager:VersionStage': 'AWSCURRENT' })));
  return targets;
}

/** ValidateResourcePolicy: secretsmanager:ValidateResourcePolicy and secretsmanager:PutResourcePolicy, on the secret when one is named. */
async function validateResourcePolicy(ctx: SecretsManagerContext, input: Sm.ValidateResourcePolicyRequest): Targets {
  const on = (action: string) => (input.SecretId === undefined ? Promise.resolve(onAccount(ctx, action)) : onSecretId(ctx, action, input.SecretId));
  return [await on('ValidateResourcePolicy'), await on('PutResourcePolicy')];
}

/** Every operation of the model (protocol/secretsmanager.json). */
const DESCRIBERS: Record<string, Describer> = {
  CreateSecret: createSecret as Describer,
  BatchGetSecretValue: batchGetSecretValue as Describer,
  ValidateResourcePolicy: validateResourcePolicy as Describer,
  ListSecrets: accountWide('ListSecrets'),
  GetRandomPassword: accountWide('GetRandomPassword'),
  // Without VersionId or VersionStage, GetSecretValue reads AWSCURRENT.
  GetSecretValue: bySecretId<Sm.GetSecretValueRequest>('GetSecretValue', (i) =>
    conditionValues({ 'secretsmanager:VersionId': i.VersionId, 'secretsmanager:VersionStage': i.VersionStage ?? (i.VersionId === undefined ? 'AWSCURRENT' : undefined) }),
  ),
  DescribeSecret: bySecretId('DescribeSecret'),
  ListSecretVersionIds: bySecretId('ListSecretVersionIds'),
  PutSecretValue: bySecretId('PutSecretValue'),
  UpdateSecret: bySecretId<Sm.UpdateSecretRequest>('UpdateSecret', (i) => conditionValues({ 'secretsmanager:Description': i.Description, 'secretsmanager:KmsKeyId': i.KmsKeyId })),
  UpdateSecretVersionStage: bySecretId<Sm.UpdateSecretVersionStageRequest>('UpdateSecretVersionStage', (i) => conditionValues({ 'secretsmanager:VersionStage': i.VersionStage })),
  DeleteSecret: bySecretId<Sm.DeleteSecretRequest>('DeleteSecret', (i) =>
    conditionValues({
      'secretsmanager:RecoveryWindowInDays': i.ForceDeleteWithoutRecovery ? undefined : String(i.RecoveryWindowInDays ?? 30),
      'secretsmanager:ForceDeleteWithoutRecovery': String(i.ForceDeleteWithoutRecovery ?? false),
    }),
  ),
  RestoreSecret: bySecretId('RestoreSecret'),
  RotateSecret: bySecretId<Sm.RotateSecretRequest>('RotateSecret', (i) =>
    conditionValues({
      'secretsmanager:RotationLambdaARN': i.RotationLambdaARN,
      'secretsmanager:ModifyRotationRules': String(i.RotationRules !== undefined),
      'secretsmanager:RotateImmediately': String(i.RotateImmediately ?? true),
    }),
  ),
  CancelRotateSecret: bySecretId('CancelRotateSecret'),
  GetResourcePolicy: bySecretId('GetResourcePolicy'),
  PutResourcePolicy: bySecretId<Sm.PutResourcePolicyRequest>('PutResourcePolicy', (i) => conditionValues({ 'secretsmanager:BlockPublicPolicy': String(i.BlockPublicPolicy ?? false) })),
  DeleteResourcePolicy: bySecretId('DeleteResourcePolicy'),
  TagResource: bySecretId<Sm.TagResourceRequest>('TagResource', (i) => requestTags(i.Tags)),
  UntagResource: bySecretId<Sm.UntagResourceRequest>('UntagResource', (i) => {
    const c: ConditionValues = {};
    for (const key of i.TagKeys) addCondition(c, 'aws:TagKeys', key);
    return c;
  }),
  ReplicateSecretToRegions: bySecretId<Sm.ReplicateSecretToRegionsRequest>('ReplicateSecretToRegions', (i) => replicaConditions(i.AddReplicaRegions, i.ForceOverwriteReplicaSecret)),
  RemoveRegionsFromReplication: bySecretId('RemoveRegionsFromReplication'),
  StopReplicationToReplica: bySecretId('StopReplicationToReplica'),
};

/** AwsService.authorize for Secrets Manager. */
export function authorizeSecretsManager(ctx: SecretsManagerContext, operation: string, input: unknown): Targets {
  const describe = DESCRIBERS[operation];
  return describe ? describe(ctx, input as never) : Promise.resolve([]);
}
