// The CloudTrail record of a call, built from what the pipeline knows of it: AWS's fields and
// their order, who called, what is never written (secret values, plaintexts, keys, passwords),
// which operations are read-only, and the events services emit themselves.
import type { FinishedCall } from '../../src/audit/types';
import { buildEvent, cloudTrailName, elementTime, serviceEvent } from '../../src/audit/events';
import { isReadOnly } from '../../src/audit/event-rules';
import { rootPrincipal, type Principal, type RequestContext } from '../../src/pipeline/context';
import { AwsError } from '../../src/protocol/errors';
import { loadModel, type ServiceName } from '../../src/protocol/model';

const ACCOUNT = '111122223333';
const NOW = new Date('2026-11-30T12:00:00.123Z');
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SECRET_ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-a1b2c3`;
const SECRET = 'hunter2-do-not-log';

const alice: Principal = {
  accessKeyId: 'AKIAALICEEXAMPLE',
  accountId: ACCOUNT,
  type: 'IAMUser',
  arn: `arn:aws:iam::${ACCOUNT}:user/team/Alice`,
  principalArn: `arn:aws:iam::${ACCOUNT}:user/team/Alice`,
  principalId: 'AIDAALICEEXAMPLE',
};

const roleSession: Principal = {
  accessKeyId: 'ASIAROLEEXAMPLE',
  accountId: ACCOUNT,
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/ci`,
  principalArn: `arn:aws:iam::${ACCOUNT}:role/Deployer`,
  principalId: 'AROADEPLOYER:ci',
  session: { issuerArn: `arn:aws:iam::${ACCOUNT}:role/Deployer`, issuerPrincipalId: 'AROADEPLOYER', issuerType: 'Role', createdAt: '2026-11-30T11:00:00.456Z', expiresAt: '2026-11-30T12:00:00.456Z' },
};

class ResourceNotFoundException extends AwsError {}
class InvalidCiphertextException extends AwsError {}
class MalformedPolicyDocumentException extends AwsError {}

function call(service: ServiceName, operation: string, parts: Partial<Omit<FinishedCall, 'ctx'>> & { ctx?: Partial<RequestContext> } = {}): FinishedCall {
  const model = loadModel(service);
  const ctx: RequestContext = {
    requestId: 'req-1',
    service,
    operation,
    principal: alice,
    accountId: ACCOUNT,
    region: 'us-east-1',
    accessKeyId: alice.accessKeyId,
    now: NOW,
    sourceIp: '::ffff:127.0.0.1',
    userAgent: 'aws-sdk-js/3.0',
    resources: [],
    ...parts.ctx,
  };
  return { model, spec: model.operations[operation], input: {}, wouldDeny: [], ...parts, ctx };
}

describe('an API call', () => {
  it('has AWS’s fields in AWS’s order', () => {
    const event = buildEvent(call('kms', 'DescribeKey', { input: { KeyId: 'alias/app' }, output: { KeyMetadata: { KeyId: 'k' } }, ctx: { resources: [{ type: 'AWS::KMS::Key', arn: KEY_ARN, accountId: ACCOUNT }] } }));
    expect(Object.keys(event)).toEqual([
      'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent',
      'requestParameters', 'responseElements', 'requestID', 'eventID', 'readOnly', 'resources', 'eventType', 'managementEvent',
      'recipientAccountId', 'eventCategory',
    ]);
    expect(event).toMatchObject({
      eventVersion: '1.09',
      eventTime: '2026-11-30T12:00:00Z',
      eventSource: 'kms.amazonaws.com',
      eventName: 'DescribeKey',
      awsRegion: 'us-east-1',
      sourceIPAddress: '127.0.0.1',
      userAgent: 'aws-sdk-js/3.0',
      requestParameters: { keyId: 'alias/app' },
      responseElements: null,
      requestID: 'req-1',
      readOnly: true,
      resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: KEY_ARN }],
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
    });
    expect(event.eventID).toMatch(/^[0-9a-f-]{36}$/);
    expect(buildEvent(call('kms', 'ListKeys')).eventID).not.toBe(event.eventID);
  });

  it('keeps an IPv6 source as it is, and names AWS Internal when no client is behind the call', () => {
    expect(buildEvent(call('kms', 'ListKeys', { ctx: { sourceIp: '::1' } })).sourceIPAddress).toBe('::1');
    const internal = buildEvent(call('kms', 'ListKeys', { ctx: { sourceIp: undefined, userAgent: undefined } }));
    expect([internal.sourceIPAddress, internal.userAgent]).toEqual(['AWS Internal', 'AWS Internal']);
  });
});

describe('userIdentity', () => {
  it('of the root', () => {
    const root = rootPrincipal(ACCOUNT, 'AKIAROOTEXAMPLE');
    expect(buildEvent(call('kms', 'ListKeys', { ctx: { principal: root } })).userIdentity).toEqual({
      type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: 'AKIAROOTEXAMPLE',
    });
  });

  it('of an IAM user, with its name', () => {
    expect(buildEvent(call('kms', 'ListKeys')).userIdentity).toEqual({
      type: 'IAMUser', principalId: 'AIDAALICEEXAMPLE', arn: alice.arn, accountId: ACCOUNT, accessKeyId: 'AKIAALICEEXAMPLE', userName: 'Alice',
    });
  });

  it('of a role session, with its issuer and attributes', () => {
    expect(buildEvent(call('kms', 'ListKeys', { ctx: { principal: roleSession } })).userIdentity).toEqual({
      type: 'AssumedRole',
      principalId: 'AROADEPLOYER:ci',
      arn: roleSession.arn,
      accountId: ACCOUNT,
      accessKeyId: 'ASIAROLEEXAMPLE',
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: 'AROADEPLOYER', arn: `arn:aws:iam::${ACCOUNT}:role/Deployer`, accountId: ACCOUNT, userName: 'Deployer' },
        attributes: { creationDate: '2026-11-30T11:00:00Z', mfaAuthenticated: 'false' },
      },
    });
  });

  it('of a user’s own session (GetSessionToken): its attributes only', () => {
    const session = { ...alice, accessKeyId: 'ASIAALICE', session: { issuerArn: alice.arn, issuerPrincipalId: alice.principalId, issuerType: 'IAMUser' as const, createdAt: '2026-11-30T10:00:00.000Z', expiresAt: '2026-11-30T22:00:00.000Z' } };
    expect(buildEvent(call('kms', 'ListKeys', { ctx: { principal: session } })).userIdentity.sessionContext).toEqual({ attributes: { creationDate: '2026-11-30T10:00:00Z', mfaAuthenticated: 'false' } });
  });

  it('of a call Secrets Manager makes to KMS: invokedBy, and the service as source and agent', () => {
    const event = buildEvent(
      call('kms', 'GenerateDataKey', {
        input: { KeyId: KEY_ARN, KeySpec: 'AES_256', EncryptionContext: { SecretARN: SECRET_ARN, SecretVersionId: 'v1' } },
        output: { KeyId: KEY_ARN, Plaintext: Buffer.from('data key'), CiphertextBlob: Buffer.from('wrapped') },
        ctx: { invokedBy: 'secretsmanager.amazonaws.com', resources: [{ type: 'AWS::KMS::Key', arn: KEY_ARN, accountId: ACCOUNT }] },
      }),
    );
    expect(event.userIdentity.invokedBy).toBe('secretsmanager.amazonaws.com');
    expect(event.sourceIPAddress).toBe('secretsmanager.amazonaws.com');
    expect(event.userAgent).toBe('secretsmanager.amazonaws.com');
    expect(event.requestParameters).toEqual({ keyId: KEY_ARN, encryptionContext: { SecretARN: SECRET_ARN, SecretVersionId: 'v1' }, keySpec: 'AES_256' });
    expect(event.responseElements).toBeNull();
  });
});

describe('errors', () => {
  it('carries the error’s name and message, and no response', () => {
    const event = buildEvent(call('secretsmanager', 'DeleteSecret', { input: { SecretId: 'gone' }, error: new ResourceNotFoundException('Secrets Manager can’t find the specified secret.') }));
    expect(event).toMatchObject({ errorCode: 'ResourceNotFoundException', errorMessage: 'Secrets Manager can’t find the specified secret.', requestParameters: { secretId: 'gone' }, responseElements: null });
    expect(Object.keys(event).slice(7, 11)).toEqual(['userAgent', 'errorCode', 'errorMessage', 'requestParameters']);
  });

  it('omits errorMessage for an error that has none', () => {
    const event = buildEvent(call('kms', 'Decrypt', { input: { CiphertextBlob: Buffer.from('x') }, error: new InvalidCiphertextException() }));
    expect(event.errorCode).toBe('InvalidCiphertextException');
    expect('errorMessage' in event).toBe(false);
  });

  it('writes the wire code of a query-protocol error', () => {
    expect(buildEvent(call('sts', 'AssumeRole', { error: new MalformedPolicyDocumentException('bad') })).errorCode).toBe('MalformedPolicyDocument');
  });

  it('writes null parameters for a call that failed before its input was read', () => {
    expect(buildEvent(call('kms', 'Encrypt', { input: undefined, error: new AwsError('x') })).requestParameters).toBeNull();
  });
});

describe('parameters and responses', () => {
  it('names members as CloudTrail does', () => {
    expect(['SecretId', 'ARN', 'AWSAccountId', 'KeyId', 'VersionIdsToStages'].map(cloudTrailName)).toEqual(['secretId', 'arn', 'aWSAccountId', 'keyId', 'versionIdsToStages']);
  });

  it('writes a write operation’s response through structures and lists, timestamps as AWS does', () => {
    const created = new Date('2026-11-30T12:00:00Z');
    const event = buildEvent(
      call('kms', 'CreateKey', {
        input: { Description: '', KeyUsage: 'ENCRYPT_DECRYPT', Tags: [{ TagKey: 'team', TagValue: 'blue' }] },
        output: { KeyMetadata: { AWSAccountId: ACCOUNT, KeyId: 'k', Arn: KEY_ARN, CreationDate: created, Enabled: true, EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], Unknown: SECRET } },
      }),
    );
    expect(event.requestParameters).toEqual({ description: '', keyUsage: 'ENCRYPT_DECRYPT', tags: [{ tagKey: 'team', tagValue: 'blue' }] });
    expect(event.responseElements).toEqual({
      keyMetadata: { aWSAccountId: ACCOUNT, keyId: 'k', arn: KEY_ARN, creationDate: 'Nov 30, 2026, 12:00:00 PM', enabled: true, encryptionAlgorithms: ['SYMMETRIC_DEFAULT'] },
    });
    expect(event.readOnly).toBe(false);
  });

  it('formats element timestamps in UTC, twelve-hour', () => {
    expect(elementTime(new Date('2026-01-05T00:07:09Z'))).toBe('Jan 5, 2026, 12:07:09 AM');
    expect(elementTime(new Date('2026-07-14T23:59:59Z'))).toBe('Jul 14, 2026, 11:59:59 PM');
  });

  it('writes the key ARN as the response of a KMS key operation that returns nothing', () => {
    const event = buildEvent(call('kms', 'EnableKey', { input: { KeyId: 'k' }, output: {}, ctx: { resources: [{ type: 'AWS::KMS::Key', arn: KEY_ARN, accountId: ACCOUNT }] } }));
    expect(event.responseElements).toEqual({ keyId: KEY_ARN });
  });

  it('writes Decrypt’s encryption algorithm even when the caller left it out, and keyId only when given', () => {
    const event = buildEvent(call('kms', 'Decrypt', { input: { CiphertextBlob: Buffer.from('c'), EncryptionContext: { app: 'x' } }, output: { Plaintext: Buffer.from(SECRET) } }));
    expect(event.requestParameters).toEqual({ encryptionContext: { app: 'x' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
  });

  it('writes STS credentials without the secret access key, and the role as a resource', () => {
    const roleArn = `arn:aws:iam::444455556666:role/Deployer`;
    const event = buildEvent(
      call('sts', 'AssumeRole', {
        input: { RoleArn: roleArn, RoleSessionName: 'ci' },
        output: {
          Credentials: { AccessKeyId: 'ASIANEW', SecretAccessKey: SECRET, SessionToken: 'token', Expiration: new Date('2026-11-30T13:00:00Z') },
          AssumedRoleUser: { AssumedRoleId: 'AROADEPLOYER:ci', Arn: 'arn:aws:sts::444455556666:assumed-role/Deployer/ci' },
        },
      }),
    );
    expect(event.eventSource).toBe('sts.amazonaws.com');
    expect(event.requestParameters).toEqual({ roleArn, roleSessionName: 'ci' });
    expect(event.responseElements).toEqual({
      credentials: { accessKeyId: 'ASIANEW', sessionToken: 'token', expiration: 'Nov 30, 2026, 1:00:00 PM' },
      assumedRoleUser: { assumedRoleId: 'AROADEPLOYER:ci', arn: 'arn:aws:sts::444455556666:assumed-role/Deployer/ci' },
    });
    expect(event.resources).toEqual([{ accountId: '444455556666', type: 'AWS::IAM::Role', ARN: roleArn }]);
  });

  it('writes no response for GetCallerIdentity', () => {
    expect(buildEvent(call('sts', 'GetCallerIdentity', { output: { Account: ACCOUNT, Arn: alice.arn, UserId: 'AIDA' } })).responseElements).toBeNull();
  });

  it('writes null for empty parameters, and none at all for GenerateRandom', () => {
    expect(buildEvent(call('kms', 'ListKeys', { input: {} })).requestParameters).toBeNull();
    expect(buildEvent(call('kms', 'GenerateRandom', { input: { NumberOfBytes: 32 }, output: { Plaintext: Buffer.from(SECRET) } })).requestParameters).toBeNull();
  });
});

describe('never a secret', () => {
  const blob = Buffer.from(SECRET);
  // Every operation that takes or returns a secret, with the secret in every place it can be.
  const cases: [ServiceName, string, Record<string, unknown>, unknown][] = [
    ['secretsmanager', 'CreateSecret', { Name: 'db', SecretString: SECRET, SecretBinary: blob }, { ARN: SECRET_ARN, Name: 'db', VersionId: 'v1' }],
    ['secretsmanager', 'PutSecretValue', { SecretId: 'db', SecretString: SECRET, SecretBinary: blob, RotationToken: SECRET }, { ARN: SECRET_ARN, Name: 'db', VersionId: 'v2' }],
    ['secretsmanager', 'UpdateSecret', { SecretId: 'db', SecretString: SECRET, SecretBinary: blob }, { ARN: SECRET_ARN, Name: 'db' }],
    ['secretsmanager', 'GetSecretValue', { SecretId: 'db' }, { ARN: SECRET_ARN, SecretString: SECRET, SecretBinary: blob }],
    ['secretsmanager', 'BatchGetSecretValue', { SecretIdList: ['db'] }, { SecretValues: [{ ARN: SECRET_ARN, SecretString: SECRET, SecretBinary: blob }] }],
    ['secretsmanager', 'GetRandomPassword', { PasswordLength: 24 }, { RandomPassword: SECRET }],
    ['kms', 'Encrypt', { KeyId: 'k', Plaintext: blob }, { CiphertextBlob: blob, KeyId: KEY_ARN }],
    ['kms', 'Decrypt', { CiphertextBlob: blob, Recipient: { AttestationDocument: blob, KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256' } }, { Plaintext: blob, CiphertextForRecipient: blob }],
    ['kms', 'ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: 'k' }, { CiphertextBlob: blob }],
    ['kms', 'GenerateDataKey', { KeyId: 'k', NumberOfBytes: 32 }, { Plaintext: blob, CiphertextBlob: blob }],
    ['kms', 'GenerateDataKeyWithoutPlaintext', { KeyId: 'k', KeySpec: 'AES_256' }, { CiphertextBlob: blob }],
    ['kms', 'GenerateDataKeyPair', { KeyId: 'k', KeyPairSpec: 'RSA_2048' }, { PrivateKeyPlaintext: blob, PrivateKeyCiphertextBlob: blob, PublicKey: blob }],
    ['kms', 'GenerateDataKeyPairWithoutPlaintext', { KeyId: 'k', KeyPairSpec: 'RSA_2048' }, { PrivateKeyCiphertextBlob: blob, PublicKey: blob }],
    ['kms', 'Sign', { KeyId: 'k', Message: blob, SigningAlgorithm: 'ECDSA_SHA_256' }, { Signature: blob }],
    ['kms', 'Verify', { KeyId: 'k', Message: blob, Signature: blob, SigningAlgorithm: 'ECDSA_SHA_256' }, { SignatureValid: true }],
    ['kms', 'GenerateMac', { KeyId: 'k', Message: blob, MacAlgorithm: 'HMAC_SHA_256' }, { Mac: blob }],
    ['kms', 'VerifyMac', { KeyId: 'k', Message: blob, Mac: blob, MacAlgorithm: 'HMAC_SHA_256' }, { MacValid: true }],
    ['kms', 'GenerateRandom', { NumberOfBytes: 32 }, { Plaintext: blob }],
    ['kms', 'DeriveSharedSecret', { KeyId: 'k', KeyAgreementAlgorithm: 'ECDH', PublicKey: blob }, { SharedSecret: blob }],
    ['kms', 'Encapsulate', { KeyId: 'k', EncapsulationAlgorithm: 'ML_KEM' }, { SharedSecret: blob, Ciphertext: blob }],
    ['kms', 'Decapsulate', { KeyId: 'k', Ciphertext: blob, EncapsulationAlgorithm: 'ML_KEM' }, { SharedSecret: blob }],
    ['kms', 'GetParametersForImport', { KeyId: 'k', WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }, { ImportToken: blob, PublicKey: blob }],
    ['kms', 'ImportKeyMaterial', { KeyId: 'k', ImportToken: blob, EncryptedKeyMaterial: blob, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' }, { KeyId: KEY_ARN }],
    ['kms', 'CreateCustomKeyStore', { CustomKeyStoreName: 's', KeyStorePassword: SECRET, XksProxyAuthenticationCredential: { AccessKeyId: SECRET, RawSecretAccessKey: SECRET } }, { CustomKeyStoreId: 'cks-1' }],
    ['kms', 'UpdateCustomKeyStore', { CustomKeyStoreId: 'cks-1', KeyStorePassword: SECRET, XksProxyAuthenticationCredential: { AccessKeyId: SECRET, RawSecretAccessKey: SECRET } }, {}],
    ['kms', 'CreateGrant', { KeyId: 'k', GranteePrincipal: alice.arn, Operations: ['Decrypt'] }, { GrantId: 'g', GrantToken: SECRET }],
    ['sts', 'GetSessionToken', {}, { Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: SECRET, SessionToken: 't', Expiration: NOW } }],
  ];
  const base64 = blob.toString('base64');

  it.each(cases)('%s %s', (service, operation, input, output) => {
    const text = JSON.stringify(buildEvent(call(service, operation, { input, output })));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(base64);
  });

  it('keeps what AWS shows of them', () => {
    const created = buildEvent(call('secretsmanager', 'CreateSecret', { input: cases[0][2], output: cases[0][3] }));
    expect(created.requestParameters).toEqual({ name: 'db' });
    expect(created.responseElements).toEqual({ arn: SECRET_ARN, name: 'db', versionId: 'v1' });
    const grant = buildEvent(call('kms', 'CreateGrant', { input: cases[25][2], output: cases[25][3] }));
    expect(grant.responseElements).toEqual({ grantId: 'g' });
    const store = buildEvent(call('kms', 'CreateCustomKeyStore', { input: cases[23][2], output: cases[23][3] }));
    expect(store.requestParameters).toEqual({ customKeyStoreName: 's' });
  });
});

describe('readOnly', () => {
  const readOnly: Record<string, string[]> = {
    kms: [
      'Decapsulate', 'Decrypt', 'DeriveSharedSecret', 'DescribeCustomKeyStores', 'DescribeKey', 'Encapsulate', 'Encrypt', 'GenerateDataKey',
      'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext', 'GenerateMac', 'GenerateRandom',
      'GetKeyLastUsage', 'GetKeyPolicy', 'GetKeyRotationStatus', 'GetParametersForImport', 'GetPublicKey', 'ListAliases', 'ListGrants',
      'ListKeyPolicies', 'ListKeyRotations', 'ListKeys', 'ListResourceTags', 'ListRetirableGrants', 'ReEncrypt', 'Sign', 'Verify', 'VerifyMac',
    ],
    secretsmanager: ['BatchGetSecretValue', 'DescribeSecret', 'GetRandomPassword', 'GetResourcePolicy', 'GetSecretValue', 'ListSecretVersionIds', 'ListSecrets', 'ValidateResourcePolicy'],
    sts: ['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity', 'AssumeRoot', 'DecodeAuthorizationMessage', 'GetAccessKeyInfo', 'GetCallerIdentity', 'GetDelegatedAccessToken', 'GetFederationToken', 'GetSessionToken', 'GetWebIdentityToken'],
  };

  it.each(Object.keys(readOnly) as ServiceName[])('classifies every %s operation', (service) => {
    const operations = Object.keys(loadModel(service).operations).sort();
    expect(operations.filter((operation) => isReadOnly(service, operation))).toEqual([...readOnly[service]].sort());
  });

  it('classifies CloudTrail’s LookupEvents as read-only', () => {
    expect(isReadOnly('cloudtrail', 'LookupEvents')).toBe(true);
  });
});

describe('resources', () => {
  it('lists each key once', () => {
    const key = { type: 'AWS::KMS::Key', arn: KEY_ARN, accountId: ACCOUNT };
    expect(buildEvent(call('kms', 'ReEncrypt', { input: { CiphertextBlob: Buffer.from('c'), DestinationKeyId: 'k' }, ctx: { resources: [key, key] } })).resources).toEqual([
      { accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: KEY_ARN },
    ]);
  });

  it('has none for a call that resolved none', () => {
    expect('resources' in buildEvent(call('kms', 'ListKeys'))).toBe(false);
  });

  it('has none for Secrets Manager, as AWS’s documented entries', () => {
    const event = buildEvent(call('secretsmanager', 'DescribeSecret', { input: { SecretId: 'db' }, ctx: { resources: [{ type: 'AWS::SecretsManager::Secret', arn: SECRET_ARN, accountId: ACCOUNT }] } }));
    expect('resources' in event).toBe(false);
  });
});

describe('audit mode', () => {
  it('marks the would-deny decisions', () => {
    const wouldDeny = [{ action: 'kms:Decrypt', resource: KEY_ARN, message: `User: ${alice.arn} is not authorized to perform: kms:Decrypt` }];
    const event = buildEvent(call('kms', 'Decrypt', { input: { CiphertextBlob: Buffer.from('c') }, wouldDeny }));
    expect(event.additionalEventData).toEqual({ strongroomWouldDeny: wouldDeny });
    expect(Object.keys(event).indexOf('additionalEventData')).toBe(Object.keys(event).indexOf('responseElements') + 1);
    expect('additionalEventData' in buildEvent(call('kms', 'ListKeys'))).toBe(false);
  });
});

describe('service events', () => {
  it('of KMS: AWS Internal as the caller, the key as resource and detail', () => {
    const event = serviceEvent({
      accountId: ACCOUNT,
      region: 'us-east-1',
      eventSource: 'kms.amazonaws.com',
      eventName: 'RotateKey',
      now: NOW,
      resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: KEY_ARN }],
      serviceEventDetails: { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' },
    });
    expect(event).toMatchObject({
      eventVersion: '1.09',
      userIdentity: { accountId: ACCOUNT, invokedBy: 'AWS Internal' },
      eventTime: '2026-11-30T12:00:00Z',
      sourceIPAddress: 'AWS Internal',
      userAgent: 'AWS Internal',
      requestParameters: null,
      responseElements: null,
      readOnly: false,
      eventType: 'AwsServiceEvent',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      serviceEventDetails: { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' },
      eventCategory: 'Management',
    });
    expect(event.userIdentity).toEqual({ accountId: ACCOUNT, invokedBy: 'AWS Internal' });
  });

  it('of Secrets Manager: the service as the caller, AWS’s request id and error message', () => {
    const event = serviceEvent({
      accountId: ACCOUNT,
      region: 'us-east-1',
      eventSource: 'secretsmanager.amazonaws.com',
      eventName: 'RotationFailed',
      now: NOW,
      additionalEventData: { SecretId: SECRET_ARN },
      requestId: `Rotation-${SECRET_ARN}-token`,
      errorMessage: 'Error when executing lambda during setSecret step',
    });
    expect(Object.keys(event)).toEqual([
      'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'errorMessage',
      'requestParameters', 'responseElements', 'additionalEventData', 'requestID', 'eventID', 'readOnly', 'eventType', 'managementEvent',
      'recipientAccountId', 'eventCategory',
    ]);
    expect(event).toMatchObject({ userIdentity: { accountId: ACCOUNT, invokedBy: 'secretsmanager.amazonaws.com' }, sourceIPAddress: 'secretsmanager.amazonaws.com', requestID: `Rotation-${SECRET_ARN}-token` });
  });
});
