// The KMS operation table: one file per operation, named exactly as the operation.
// Checked against the registry generated from the model (KmsHandlers): a handler whose
// input or output does not match its operation, or a name that is no operation of the model,
// fails the type check; test/services/operations.test.ts checks that every file here is listed.
// An operation of the model without a handler answers 501 NotImplementedException.
import type { KmsHandlers } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { CancelKeyDeletion } from './CancelKeyDeletion';
import { CreateAlias } from './CreateAlias';
import { CreateGrant } from './CreateGrant';
import { CreateKey } from './CreateKey';
import { Decapsulate } from './Decapsulate';
import { Decrypt } from './Decrypt';
import { DeleteAlias } from './DeleteAlias';
import { DeriveSharedSecret } from './DeriveSharedSecret';
import { DescribeKey } from './DescribeKey';
import { DisableKey } from './DisableKey';
import { DisableKeyRotation } from './DisableKeyRotation';
import { EnableKey } from './EnableKey';
import { EnableKeyRotation } from './EnableKeyRotation';
import { Encapsulate } from './Encapsulate';
import { Encrypt } from './Encrypt';
import { GenerateDataKey } from './GenerateDataKey';
import { GenerateDataKeyPair } from './GenerateDataKeyPair';
import { GenerateDataKeyPairWithoutPlaintext } from './GenerateDataKeyPairWithoutPlaintext';
import { GenerateDataKeyWithoutPlaintext } from './GenerateDataKeyWithoutPlaintext';
import { GenerateMac } from './GenerateMac';
import { GenerateRandom } from './GenerateRandom';
import { GetKeyPolicy } from './GetKeyPolicy';
import { GetKeyRotationStatus } from './GetKeyRotationStatus';
import { GetPublicKey } from './GetPublicKey';
import { ListAliases } from './ListAliases';
import { ListGrants } from './ListGrants';
import { ListKeyPolicies } from './ListKeyPolicies';
import { ListKeyRotations } from './ListKeyRotations';
import { ListKeys } from './ListKeys';
import { ListResourceTags } from './ListResourceTags';
import { ListRetirableGrants } from './ListRetirableGrants';
import { PutKeyPolicy } from './PutKeyPolicy';
import { ReEncrypt } from './ReEncrypt';
import { RetireGrant } from './RetireGrant';
import { RevokeGrant } from './RevokeGrant';
import { RotateKeyOnDemand } from './RotateKeyOnDemand';
import { ScheduleKeyDeletion } from './ScheduleKeyDeletion';
import { Sign } from './Sign';
import { TagResource } from './TagResource';
import { UntagResource } from './UntagResource';
import { UpdateAlias } from './UpdateAlias';
import { UpdateKeyDescription } from './UpdateKeyDescription';
import { Verify } from './Verify';
import { VerifyMac } from './VerifyMac';

export const kmsOperations = {
  CancelKeyDeletion,
  CreateAlias,
  CreateGrant,
  CreateKey,
  Decapsulate,
  Decrypt,
  DeleteAlias,
  DeriveSharedSecret,
  DescribeKey,
  DisableKey,
  DisableKeyRotation,
  EnableKey,
  EnableKeyRotation,
  Encapsulate,
  Encrypt,
  GenerateDataKey,
  GenerateDataKeyPair,
  GenerateDataKeyPairWithoutPlaintext,
  GenerateDataKeyWithoutPlaintext,
  GenerateMac,
  GenerateRandom,
  GetKeyPolicy,
  GetKeyRotationStatus,
  GetPublicKey,
  ListAliases,
  ListGrants,
  ListKeyPolicies,
  ListKeyRotations,
  ListKeys,
  ListResourceTags,
  ListRetirableGrants,
  PutKeyPolicy,
  ReEncrypt,
  RetireGrant,
  RevokeGrant,
  RotateKeyOnDemand,
  ScheduleKeyDeletion,
  Sign,
  TagResource,
  UntagResource,
  UpdateAlias,
  UpdateKeyDescription,
  Verify,
  VerifyMac,
} satisfies Partial<KmsHandlers<KmsContext>>;
