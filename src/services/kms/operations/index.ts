// The KMS operation table: one file per operation, named exactly as the operation.
// Checked against the registry generated from the model (KmsHandlers): a handler whose
// input or output does not match its operation, or a name that is no operation of the model,
// fails the type check; test/services/operations.test.ts checks that every file here is listed.
// An operation of the model without a handler answers 501 NotImplementedException.
import type { KmsHandlers } from '../../../protocol/generated/kms';
import type { KmsContext } from '../context';
import { CancelKeyDeletion } from './CancelKeyDeletion';
import { CreateAlias } from './CreateAlias';
import { CreateKey } from './CreateKey';
import { Decapsulate } from './Decapsulate';
import { Decrypt } from './Decrypt';
import { DeleteAlias } from './DeleteAlias';
import { DeriveSharedSecret } from './DeriveSharedSecret';
import { DescribeKey } from './DescribeKey';
import { DisableKey } from './DisableKey';
import { EnableKey } from './EnableKey';
import { Encapsulate } from './Encapsulate';
import { Encrypt } from './Encrypt';
import { GenerateDataKey } from './GenerateDataKey';
import { GenerateDataKeyPair } from './GenerateDataKeyPair';
import { GenerateDataKeyPairWithoutPlaintext } from './GenerateDataKeyPairWithoutPlaintext';
import { GenerateDataKeyWithoutPlaintext } from './GenerateDataKeyWithoutPlaintext';
import { GenerateMac } from './GenerateMac';
import { GenerateRandom } from './GenerateRandom';
import { GetKeyPolicy } from './GetKeyPolicy';
import { GetPublicKey } from './GetPublicKey';
import { ListAliases } from './ListAliases';
import { ListKeyPolicies } from './ListKeyPolicies';
import { ListKeys } from './ListKeys';
import { ListResourceTags } from './ListResourceTags';
import { PutKeyPolicy } from './PutKeyPolicy';
import { ReEncrypt } from './ReEncrypt';
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
  CreateKey,
  Decapsulate,
  Decrypt,
  DeleteAlias,
  DeriveSharedSecret,
  DescribeKey,
  DisableKey,
  EnableKey,
  Encapsulate,
  Encrypt,
  GenerateDataKey,
  GenerateDataKeyPair,
  GenerateDataKeyPairWithoutPlaintext,
  GenerateDataKeyWithoutPlaintext,
  GenerateMac,
  GenerateRandom,
  GetKeyPolicy,
  GetPublicKey,
  ListAliases,
  ListKeyPolicies,
  ListKeys,
  ListResourceTags,
  PutKeyPolicy,
  ReEncrypt,
  ScheduleKeyDeletion,
  Sign,
  TagResource,
  UntagResource,
  UpdateAlias,
  UpdateKeyDescription,
  Verify,
  VerifyMac,
} satisfies Partial<KmsHandlers<KmsContext>>;
