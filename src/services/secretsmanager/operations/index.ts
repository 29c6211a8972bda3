// The Secrets Manager operation table: one file per operation, named exactly as the operation.
// Checked against the registry generated from the model (SecretsManagerHandlers): a handler whose
// input or output does not match its operation, or a name that is no operation of the model,
// fails the type check; test/services/operations.test.ts checks that every file here is listed.
// An operation of the model without a handler answers 501 NotImplementedException.
import type { SecretsManagerHandlers } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import type { OperationLoaders } from '../../service';

export const secretsManagerOperations = {
  BatchGetSecretValue: () => (require('./BatchGetSecretValue') as typeof import('./BatchGetSecretValue')).BatchGetSecretValue,
  CancelRotateSecret: () => (require('./CancelRotateSecret') as typeof import('./CancelRotateSecret')).CancelRotateSecret,
  CreateSecret: () => (require('./CreateSecret') as typeof import('./CreateSecret')).CreateSecret,
  DeleteResourcePolicy: () => (require('./DeleteResourcePolicy') as typeof import('./DeleteResourcePolicy')).DeleteResourcePolicy,
  DeleteSecret: () => (require('./DeleteSecret') as typeof import('./DeleteSecret')).DeleteSecret,
  DescribeSecret: () => (require('./DescribeSecret') as typeof import('./DescribeSecret')).DescribeSecret,
  GetRandomPassword: () => (require('./GetRandomPassword') as typeof import('./GetRandomPassword')).GetRandomPassword,
  GetResourcePolicy: () => (require('./GetResourcePolicy') as typeof import('./GetResourcePolicy')).GetResourcePolicy,
  GetSecretValue: () => (require('./GetSecretValue') as typeof import('./GetSecretValue')).GetSecretValue,
  ListSecretVersionIds: () => (require('./ListSecretVersionIds') as typeof import('./ListSecretVersionIds')).ListSecretVersionIds,
  ListSecrets: () => (require('./ListSecrets') as typeof import('./ListSecrets')).ListSecrets,
  PutResourcePolicy: () => (require('./PutResourcePolicy') as typeof import('./PutResourcePolicy')).PutResourcePolicy,
  PutSecretValue: () => (require('./PutSecretValue') as typeof import('./PutSecretValue')).PutSecretValue,
  RemoveRegionsFromReplication: () => (require('./RemoveRegionsFromReplication') as typeof import('./RemoveRegionsFromReplication')).RemoveRegionsFromReplication,
  ReplicateSecretToRegions: () => (require('./ReplicateSecretToRegions') as typeof import('./ReplicateSecretToRegions')).ReplicateSecretToRegions,
  RestoreSecret: () => (require('./RestoreSecret') as typeof import('./RestoreSecret')).RestoreSecret,
  RotateSecret: () => (require('./RotateSecret') as typeof import('./RotateSecret')).RotateSecret,
  StopReplicationToReplica: () => (require('./StopReplicationToReplica') as typeof import('./StopReplicationToReplica')).StopReplicationToReplica,
  TagResource: () => (require('./TagResource') as typeof import('./TagResource')).TagResource,
  UntagResource: () => (require('./UntagResource') as typeof import('./UntagResource')).UntagResource,
  UpdateSecret: () => (require('./UpdateSecret') as typeof import('./UpdateSecret')).UpdateSecret,
  UpdateSecretVersionStage: () => (require('./UpdateSecretVersionStage') as typeof import('./UpdateSecretVersionStage')).UpdateSecretVersionStage,
  ValidateResourcePolicy: () => (require('./ValidateResourcePolicy') as typeof import('./ValidateResourcePolicy')).ValidateResourcePolicy,
} satisfies OperationLoaders<SecretsManagerHandlers<SecretsManagerContext>>;
