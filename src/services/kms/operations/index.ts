// The KMS operation table: one file per operation, named exactly as the operation.
// Checked against the registry generated from the model (KmsHandlers): a handler whose
// input or output does not match its operation, or a name that is no operation of the model,
// fails the type check; test/services/operations.test.ts checks that every file here is listed.
// An operation of the model without a handler answers 501 NotImplementedException.
import type { KmsHandlers } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { CancelKeyDeletion } from './CancelKeyDeletion';
import { ConnectCustomKeyStore } from './ConnectCustomKeyStore';
import { CreateAlias } from './CreateAlias';
import { CreateCustomKeyStore } from './CreateCustomKeyStore';
import { CreateGrant } from './CreateGrant';
import { CreateKey } from './CreateKey';
import { Decapsulate } from './Decapsulate';
import { Decrypt } from './Decrypt';
import { DeleteAlias } from './DeleteAlias';
import { DeleteCustomKeyStore } from './DeleteCustomKeyStore';
import { DeleteImportedKeyMaterial } from './DeleteImportedKeyMaterial';
import { DeriveSharedSecret } from './DeriveSharedSecret';
import { DescribeCustomKeyStores } from './DescribeCustomKeyStores';
import { DescribeKey } from './DescribeKey';
import { DisableKey } from './DisableKey';
import { DisableKeyRotation } from './DisableKeyRotation';
import { DisconnectCustomKeyStore } from './DisconnectCustomKeyStore';
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
import { GetKeyLastUsage } from './GetKeyLastUsage';
import { GetKeyPolicy } from './GetKeyPolicy';
import { GetKeyRotationStatus } from './GetKeyRotationStatus';
import { GetParametersForImport } from './GetParametersForImport';
import { GetPublicKey } from './GetPublicKey';
import { ImportKeyMaterial } from './ImportKeyMaterial';
import { ListAliases } from './ListAliases';
import { ListGrants } from './ListGrants';
import { ListKeyPolicies } from './ListKeyPolicies';
import { ListKeyRotations } from './ListKeyRotations';
import { ListKeys } from './ListKeys';
import { ListResourceTags } from './ListResourceTags';
import { ListRetirableGrants } from './ListRetirableGrants';
import { PutKeyPolicy } from './PutKeyPolicy';
import { ReEncrypt } from './ReEncrypt';
import { ReplicateKey } from './ReplicateKey';
import { RetireGrant } from './RetireGrant';
import { RevokeGrant } from './RevokeGrant';
import { RotateKeyOnDemand } from './RotateKeyOnDemand';
import { ScheduleKeyDeletion } from './ScheduleKeyDeletion';
import { Sign } from './Sign';
import { TagResource } from './TagResource';
import { UntagResource } from './UntagResource';
import { UpdateAlias } from './UpdateAlias';
import { UpdateCustomKeyStore } from './UpdateCustomKeyStore';
import { UpdateKeyDescription } from './UpdateKeyDescription';
import { UpdatePrimaryRegion } from './UpdatePrimaryRegion';
import { Verify } from './Verify';
import { VerifyMac } from './VerifyMac';

export const kmsOperations = {
  CancelKeyDeletion,
  ConnectCustomKeyStore,
  CreateAlias,
  CreateCustomKeyStore,
  CreateGrant,
  CreateKey,
  Decapsulate,
  Decrypt,
  DeleteAlias,
  DeleteCustomKeyStore,
  DeleteImportedKeyMaterial,
  DeriveSharedSecret,
  DescribeCustomKeyStores,
  DescribeKey,
  DisableKey,
  DisableKeyRotation,
  DisconnectCustomKeyStore,
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
  GetKeyLastUsage,
  GetKeyPolicy,
  GetKeyRotationStatus,
  GetParametersForImport,
  GetPublicKey,
  ImportKeyMaterial,
  ListAliases,
  ListGrants,
  ListKeyPolicies,
  ListKeyRotations,
  ListKeys,
  ListResourceTags,
  ListRetirableGrants,
  PutKeyPolicy,
  ReEncrypt,
  ReplicateKey,
  RetireGrant,
  RevokeGrant,
  RotateKeyOnDemand,
  ScheduleKeyDeletion,
  Sign,
  TagResource,
  UntagResource,
  UpdateAlias,
  UpdateCustomKeyStore,
  UpdateKeyDescription,
  UpdatePrimaryRegion,
  Verify,
  VerifyMac,
} satisfies Partial<KmsHandlers<KmsContext>>;
