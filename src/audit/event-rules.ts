// Where CloudTrail's record of an operation differs from the generic rule of events.ts (every
// input member in requestParameters, every output member in responseElements, sensitive members
// and blobs left out). The facts come from AWS's documented entries (docs/audit.md):
// the KMS Developer Guide's "Examples of AWS KMS log entries", Secrets Manager's "AWS CloudTrail
// entries for Secrets Manager", CloudTrail's "CloudTrail record contents".

/**
 * Read-only operations beyond the Describe/Get/List/BatchGet/Lookup names. KMS logs every
 * cryptographic operation as `readOnly: true` (its Encrypt, Decrypt, ReEncrypt, GenerateDataKey,
 * Sign, Verify, GenerateMac, GenerateRandom and Decapsulate entries show it).
 */
const READ_ONLY = new Set([
  'kms.Encrypt',
  'kms.Decrypt',
  'kms.ReEncrypt',
  'kms.GenerateDataKey',
  'kms.GenerateDataKeyWithoutPlaintext',
  'kms.GenerateDataKeyPair',
  'kms.GenerateDataKeyPairWithoutPlaintext',
  'kms.GenerateMac',
  'kms.VerifyMac',
  'kms.GenerateRandom',
  'kms.Sign',
  'kms.Verify',
  'kms.DeriveSharedSecret',
  'kms.Encapsulate',
  'kms.Decapsulate',
  // Checks a policy and changes nothing.
  'secretsmanager.ValidateResourcePolicy',
  'sts.AssumeRole',
  'sts.AssumeRoleWithSAML',
  'sts.AssumeRoleWithWebIdentity',
  'sts.AssumeRoot',
  'sts.DecodeAuthorizationMessage',
]);

export function isReadOnly(service: string, operation: string): boolean {
  return /^(Describe|Get|List|BatchGet|Lookup)/.test(operation) || READ_ONLY.has(`${service}.${operation}`);
}

interface OperationRule {
  /** AWS writes `requestParameters: null` (KMS GenerateRandom). */
  noRequestParameters?: boolean;
  /** Whether AWS writes the response: by default only for operations that are not read-only. */
  logsResponse?: boolean;
  /** Members (model names, top level of the input or output) AWS never writes, beyond sensitive ones and blobs. */
  omit?: string[];
  /** Request parameters AWS writes even when the caller left them out (CloudTrail spelling). */
  defaults?: Record<string, unknown>;
  /** A resource named by an input member (an ARN), for operations whose service resolves none. */
  resourceMember?: { member: string; type: string };
}

const RULES: Record<string, OperationRule> = {
  'kms.GenerateRandom': { noRequestParameters: true },
  // "always includes the encryptionAlgorithm in the requestParameters even if the encryption
  // algorithm wasn't specified in the request".
  'kms.Decrypt': { defaults: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' } },
  // A grant token authorizes on its own: AWS's CreateGrant entry shows only the grantId.
  'kms.CreateGrant': { omit: ['GrantToken'] },
  // The external key store proxy's credential (its access key id is not sensitive by itself, the pair is).
  'kms.CreateCustomKeyStore': { omit: ['XksProxyAuthenticationCredential'] },
  'kms.UpdateCustomKeyStore': { omit: ['XksProxyAuthenticationCredential'] },
  // STS writes the new credentials, less the secret access key (sensitive in the model).
  // CloudTrail record contents: "when an AssumeRole event is logged, the resources field" lists the role.
  'sts.AssumeRole': { logsResponse: true, resourceMember: { member: 'RoleArn', type: 'AWS::IAM::Role' } },
  'sts.GetSessionToken': { logsResponse: true },
};

export function ruleOf(service: string, operation: string): OperationRule {
  return RULES[`${service}.${operation}`] ?? {};
}

interface ServiceRule {
  /** Whether the service's entries carry `resources`: AWS's documented Secrets Manager entries have none. */
  resources: boolean;
  /**
   * KMS writes the key ARN in `responseElements.keyId` of a key management operation that
   * returns nothing (EnableKey, DisableKey, UpdateAlias … "recorded on or after December 2022").
   */
  keyArnInResponse: boolean;
  /** Who AWS names as the caller of the service's own events: KMS writes `AWS Internal`, Secrets Manager its service name. */
  serviceEventCaller?: string;
}

const SERVICES: Record<string, ServiceRule> = {
  'kms.amazonaws.com': { resources: true, keyArnInResponse: true, serviceEventCaller: 'AWS Internal' },
  'secretsmanager.amazonaws.com': { resources: false, keyArnInResponse: false },
};

export function serviceRuleOf(eventSource: string): ServiceRule {
  return SERVICES[eventSource] ?? { resources: true, keyArnInResponse: false };
}
