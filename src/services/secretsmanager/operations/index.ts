// The Secrets Manager operation table: one file per operation, named exactly as the operation.
// Checked against the registry generated from the model (SecretsManagerHandlers): a handler whose
// input or output does not match its operation, or a name that is no operation of the model,
// fails the type check; test/services/operations.test.ts checks that every file here is listed.
// An operation of the model without a handler answers 501 NotImplementedException.
import type { SecretsManagerHandlers } from '../../../protocol/generated/secretsmanager';
import type { SecretsManagerContext } from '../context';
import { BatchGetSecretValue } from './BatchGetSecretValue';
import { CancelRotateSecret } from './CancelRotateSecret';
import { CreateSecret } from './CreateSecret';
import { DeleteResourcePolicy } from './DeleteResourcePolicy';
import { DeleteSecret } from './DeleteSecret';
import { DescribeSecret } from './DescribeSecret';
import { GetRandomPassword } from './GetRandomPassword';
import { GetResourcePolicy } from './GetResourcePolicy';
import { GetSecretValue } from './GetSecretValue';
import { ListSecretVersionIds } from './ListSecretVersionIds';
import { ListSecrets } from './ListSecrets';
import { PutResourcePolicy } from './PutResourcePolicy';
import { PutSecretValue } from './PutSecretValue';
import { RemoveRegionsFromReplication } from './RemoveRegionsFromReplication';
import { ReplicateSecretToRegions } from './ReplicateSecretToRegions';
import { RestoreSecret } from './RestoreSecret';
import { RotateSecret } from './RotateSecret';
import { StopReplicationToReplica } from './StopReplicationToReplica';
import { TagResource } from './TagResource';
import { UntagResource } from './UntagResource';
import { UpdateSecret } from './UpdateSecret';
import { UpdateSecretVersionStage } from './UpdateSecretVersionStage';
import { ValidateResourcePolicy } from './ValidateResourcePolicy';

export const secretsManagerOperations = {
  BatchGetSecretValue,
  CancelRotateSecret,
  CreateSecret,
  DeleteResourcePolicy,
  DeleteSecret,
  DescribeSecret,
  GetRandomPassword,
  GetResourcePolicy,
  GetSecretValue,
  ListSecretVersionIds,
  ListSecrets,
  PutResourcePolicy,
  PutSecretValue,
  RemoveRegionsFromReplication,
  ReplicateSecretToRegions,
  RestoreSecret,
  RotateSecret,
  StopReplicationToReplica,
  TagResource,
  UntagResource,
  UpdateSecret,
  UpdateSecretVersionStage,
  ValidateResourcePolicy,
} satisfies Partial<SecretsManagerHandlers<SecretsManagerContext>>;
