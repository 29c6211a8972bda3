// The policy evaluator against AWS's documented evaluation rules: one case per row, each naming
// the rule it follows (IAM User Guide: "Policy evaluation logic", "Cross-account policy
// evaluation logic", "IAM JSON policy elements", "Condition operators", "Policy variables",
// "Multivalued context keys"; KMS Developer Guide: "Key policies", "Grants").
import { evaluate } from '../../src/auth/policy/evaluate';
import { parsePolicy, type PolicyDocument } from '../../src/auth/policy/grammar';
import type { AuthorizationTarget, ConditionValues, Decision, DenyReason, EvaluatedPrincipal } from '../../src/auth/types';

const ACCT = '111122223333';
const OTHER = '444455556666';
const KEY = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const KEY2 = `arn:aws:kms:us-east-1:${ACCT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:prod/db-AbCdEf`;
const ROLE = `arn:aws:iam::${ACCT}:role/app`;
const SESSION = `arn:aws:sts::${ACCT}:assumed-role/app/s1`;
const DECRYPT = 'kms:Decrypt';
const GET = 'secretsmanager:GetSecretValue';
const VIA_SM = 'secretsmanager.us-east-1.amazonaws.com';

// ---- policies ----
type Stmt = Record<string, unknown>;
/** `version` null: a policy without a Version element. */
const document = (statements: Stmt[], version: string | null, requirePrincipal: boolean): PolicyDocument =>
  parsePolicy(JSON.stringify(version ? { Version: version, Statement: statements } : { Statement: statements }), { requirePrincipal });
/** An identity or session policy (Version 2012-10-17 unless given). */
const idp = (...statements: Stmt[]): PolicyDocument => document(statements, '2012-10-17', false);
const idpVersion = (version: string | null, ...statements: Stmt[]): PolicyDocument => document(statements, version, false);
/** A resource-based policy: key policy, secret policy, trust policy. */
const rp = (...statements: Stmt[]): PolicyDocument => document(statements, '2012-10-17', true);
const allow = (Action: string | string[] = DECRYPT, Resource: string | string[] = '*', extra: Stmt = {}): Stmt => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: string | string[] = DECRYPT, Resource: string | string[] = '*', extra: Stmt = {}): Stmt => ({ Effect: 'Deny', Action, Resource, ...extra });
/** A resource-policy statement for `Principal`. */
const rAllow = (Principal: unknown, extra: Stmt = {}): Stmt => ({ Effect: 'Allow', Principal, Action: '*', Resource: '*', ...extra });
const rDeny = (Principal: unknown, extra: Stmt = {}): Stmt => ({ Effect: 'Deny', Principal, Action: '*', Resource: '*', ...extra });
const aws = (...ids: string[]) => ({ AWS: ids.length === 1 ? ids[0] : ids });
const rootOf = (account: string) => `arn:aws:iam::${account}:root`;
const userArn = (account: string, name = 'alice') => `arn:aws:iam::${account}:user/${name}`;
/** KMS's default key policy: the account's root, so IAM policies decide. */
const defaultKeyPolicy = rp(rAllow(aws(rootOf(ACCT)), { Action: 'kms:*' }));
/** The policy of an AWS managed key (aws/secretsmanager): anyone in the account, through Secrets Manager; the account may describe it. */
const managedKeyPolicy = rp(
  rAllow(aws('*'), { Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'], Condition: { StringEquals: { 'kms:CallerAccount': ACCT, 'kms:ViaService': VIA_SM } } }),
  rAllow(aws(rootOf(ACCT)), { Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'] }),
);

// ---- principals ----
const user = (policies: PolicyDocument[] = [], account = ACCT, name = 'alice'): EvaluatedPrincipal => ({
  type: 'IAMUser',
  accountId: account,
  arn: userArn(account, name),
  principalArn: userArn(account, name),
  identityPolicies: policies,
  sessionPolicies: [],
});
const roleSession = (policies: PolicyDocument[] = [], sessionPolicies: PolicyDocument[] = [], account = ACCT): EvaluatedPrincipal => ({
  type: 'AssumedRole',
  accountId: account,
  arn: `arn:aws:sts::${account}:assumed-role/app/s1`,
  principalArn: `arn:aws:iam::${account}:role/app`,
  identityPolicies: policies,
  sessionPolicies,
});
const root = (account = ACCT): EvaluatedPrincipal => ({ type: 'Root', accountId: account, arn: rootOf(account), principalArn: rootOf(account), identityPolicies: [], sessionPolicies: [] });
const allowedUser = (action = DECRYPT, resource: string | string[] = '*', account = ACCT) => user([idp(allow(action, resource))], account);

// ---- targets ----
/** Condition keys as the authorize step hands them over: lower-cased keys, every value a list. */
const keys = (values: Record<string, string | string[]>): ConditionValues => Object.fromEntries(Object.entries(values).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v : [v]]));
const key = (over: Partial<AuthorizationTarget> = {}): AuthorizationTarget => ({ action: DECRYPT, resource: KEY, resourceAccount: ACCT, resourcePolicyKind: 'key', resourcePolicy: defaultKeyPolicy, conditions: {}, ...over });
const secret = (over: Partial<AuthorizationTarget> = {}): AuthorizationTarget => ({ action: GET, resource: SECRET, resourceAccount: ACCT, resourcePolicyKind: 'resource', conditions: {}, ...over });
const noResource = (action: string, over: Partial<AuthorizationTarget> = {}): AuthorizationTarget => ({ action, resource: '*', resourceAccount: ACCT, conditions: {}, ...over });
const trust = (policy: PolicyDocument, over: Partial<AuthorizationTarget> = {}): AuthorizationTarget => ({
  action: 'sts:AssumeRole',
  resource: ROLE,
  resourceAccount: ACCT,
  resourcePolicyKind: 'trust',
  resourcePolicy: policy,
  conditions: {},
  ...over,
});

// ---- cases ----
type Expected = 'identity' | 'resource' | 'grant' | DenyReason;
interface Case {
  rule: string;
  principal: EvaluatedPrincipal;
  target: AuthorizationTarget;
  expected: Expected;
}
const c = (rule: string, principal: EvaluatedPrincipal, target: AuthorizationTarget, expected: Expected): Case => ({ rule, principal, target, expected });

/** A user allowed kms:Decrypt only under `Condition`, calling with condition keys `values`: allowed exactly when the condition holds. */
const cond = (rule: string, Condition: Stmt, values: Record<string, string | string[]>, holds: boolean, version: string | null = '2012-10-17'): Case =>
  c(
    rule,
    user([idpVersion(version, allow(DECRYPT, '*', { Condition }))]),
    { action: DECRYPT, resource: KEY, resourceAccount: ACCT, conditions: keys(values) },
    holds ? 'identity' : 'no-identity-allow',
  );
/** A user whose identity policy allows kms:Decrypt on `resource` (policy variables resolved from `values`). */
const onResource = (rule: string, resource: string, target: string, holds: boolean, values: Record<string, string | string[]> = {}, version: string | null = '2012-10-17'): Case =>
  c(rule, user([idpVersion(version, allow(DECRYPT, resource))]), { action: DECRYPT, resource: target, resourceAccount: ACCT, conditions: keys(values) }, holds ? 'identity' : 'no-identity-allow');
/** A user whose identity policy allows `policyAction`, calling `action`. */
const onAction = (rule: string, policyAction: string | string[], action: string, holds: boolean): Case =>
  c(rule, user([idp(allow(policyAction))]), { action, resource: KEY, resourceAccount: ACCT, conditions: {} }, holds ? 'identity' : 'no-identity-allow');

const OPS = 'IAM condition operators';
const ABSENT = `${OPS}: a positive operator is false when the key is absent from the request`;
const NEG_ABSENT = `${OPS}: a negated operator matches when the key is absent`;
const IF_EXISTS = `${OPS}: …IfExists is true when the key is absent`;
const IF_EXISTS_PRESENT = `${OPS}: …IfExists evaluates the operator normally when the key is present`;
const MULTI = 'IAM multivalued context keys';
const VARS = 'IAM policy variables';
const EVAL = 'IAM User Guide, policy evaluation logic';
const CROSS = 'IAM User Guide, cross-account policy evaluation logic';
const KMS = 'KMS key policies';
const GRANTS = 'KMS grants';
const SESSIONS = 'IAM session policies';
const ARN = 'IAM JSON policy elements: Resource';

const conditionCases: Case[] = [
  // String operators
  cond(`${OPS}: StringEquals is an exact, case-sensitive match (kms:EncryptionContext:*)`, { StringEquals: { 'kms:EncryptionContext:purpose': 'backup' } }, { 'kms:EncryptionContext:purpose': 'backup' }, true),
  cond(`${OPS}: StringEquals is case-sensitive`, { StringEquals: { 'kms:EncryptionContext:purpose': 'backup' } }, { 'kms:EncryptionContext:purpose': 'Backup' }, false),
  cond(ABSENT, { StringEquals: { 'kms:EncryptionContext:purpose': 'backup' } }, {}, false),
  cond(`${OPS}: several values for one key are ORed`, { StringEquals: { 'kms:KeySpec': ['RSA_2048', 'SYMMETRIC_DEFAULT'] } }, { 'kms:KeySpec': 'SYMMETRIC_DEFAULT' }, true),
  cond(`${OPS}: StringEquals has no wildcards`, { StringEquals: { 'secretsmanager:SecretId': 'prod/*' } }, { 'secretsmanager:SecretId': 'prod/db' }, false),
  cond(`${OPS}: StringNotEquals matches a different value`, { StringNotEquals: { 'kms:KeyOrigin': 'EXTERNAL' } }, { 'kms:KeyOrigin': 'AWS_KMS' }, true),
  cond(`${OPS}: StringNotEquals fails on an equal value`, { StringNotEquals: { 'kms:KeyOrigin': 'AWS_KMS' } }, { 'kms:KeyOrigin': 'AWS_KMS' }, false),
  cond(NEG_ABSENT, { StringNotEquals: { 'kms:KeyOrigin': 'AWS_KMS' } }, {}, true),
  // Keys every JavaScript object has are keys the request lacks, like any other.
  cond(ABSENT, { StringEquals: { constructor: 'x', ['__proto__']: 'x' } }, {}, false),
  cond(IF_EXISTS, { StringEqualsIfExists: { Constructor: 'x', ['__proto__']: 'x', toString: 'x' } }, {}, true),
  cond(NEG_ABSENT, { StringNotLike: { constructor: 'x' } }, {}, true),
  cond(`${VARS}: a variable without a value and without a default matches nothing`, { StringEquals: { 'aws:ResourceTag/owner': '${constructor}' } }, { 'aws:ResourceTag/owner': 'alice' }, false),
  cond(`${OPS}: a negated operator with several values is a NOR`, { StringNotEquals: { 'kms:KeyUsage': ['SIGN_VERIFY', 'ENCRYPT_DECRYPT'] } }, { 'kms:KeyUsage': 'ENCRYPT_DECRYPT' }, false),
  cond(`${OPS}: StringEqualsIgnoreCase ignores case`, { StringEqualsIgnoreCase: { 'kms:KeyUsage': 'encrypt_decrypt' } }, { 'kms:KeyUsage': 'ENCRYPT_DECRYPT' }, true),
  cond(`${OPS}: StringNotEqualsIgnoreCase fails on a value equal but for case`, { StringNotEqualsIgnoreCase: { 'secretsmanager:Name': 'PROD/DB' } }, { 'secretsmanager:Name': 'prod/db' }, false),
  cond(NEG_ABSENT, { StringNotEqualsIgnoreCase: { 'secretsmanager:Name': 'prod/db' } }, {}, true),
  cond(`${OPS}: StringLike matches * across characters (secretsmanager:SecretId)`, { StringLike: { 'secretsmanager:SecretId': `arn:aws:secretsmanager:*:${ACCT}:secret:prod/*` } }, { 'secretsmanager:SecretId': SECRET }, true),
  cond(`${OPS}: StringLike ? matches exactly one character`, { StringLike: { 'secretsmanager:VersionId': 'v?' } }, { 'secretsmanager:VersionId': 'v1' }, true),
  cond(`${OPS}: StringLike ? does not match two characters`, { StringLike: { 'secretsmanager:VersionId': 'v?' } }, { 'secretsmanager:VersionId': 'v12' }, false),
  cond(`${OPS}: StringLike is case-sensitive`, { StringLike: { 'secretsmanager:Description': 'Prod*' } }, { 'secretsmanager:Description': 'production db' }, false),
  cond(`${OPS}: StringNotLike fails on a matching value`, { StringNotLike: { 'kms:RequestAlias': 'alias/prod-*' } }, { 'kms:RequestAlias': 'alias/prod-db' }, false),
  cond(`${OPS}: StringNotLike matches a non-matching value`, { StringNotLike: { 'kms:RequestAlias': 'alias/prod-*' } }, { 'kms:RequestAlias': 'alias/test-db' }, true),
  cond(NEG_ABSENT, { StringNotLike: { 'kms:RequestAlias': 'alias/prod-*' } }, {}, true),
  cond(IF_EXISTS, { StringEqualsIfExists: { 'secretsmanager:KmsKeyId': KEY } }, {}, true),
  cond(IF_EXISTS_PRESENT, { StringEqualsIfExists: { 'secretsmanager:KmsKeyId': KEY } }, { 'secretsmanager:KmsKeyId': KEY2 }, false),
  cond(IF_EXISTS_PRESENT, { StringNotEqualsIfExists: { 'secretsmanager:KmsKeyId': KEY } }, { 'secretsmanager:KmsKeyId': KEY }, false),
  cond(IF_EXISTS, { StringEqualsIgnoreCaseIfExists: { 'secretsmanager:Name': 'x' } }, {}, true),
  cond(IF_EXISTS_PRESENT, { StringNotEqualsIgnoreCaseIfExists: { 'secretsmanager:Name': 'X' } }, { 'secretsmanager:Name': 'y' }, true),
  cond(IF_EXISTS, { StringLikeIfExists: { 'kms:RequestAlias': 'alias/x*' } }, {}, true),
  cond(IF_EXISTS_PRESENT, { StringNotLikeIfExists: { 'kms:RequestAlias': 'alias/x*' } }, { 'kms:RequestAlias': 'alias/y' }, true),
  cond(`${OPS}: policy values may be numbers or booleans, compared as strings`, { StringEquals: { 'kms:EncryptionContext:tenant': 42 } }, { 'kms:EncryptionContext:tenant': '42' }, true),
  // Numeric operators
  cond(`${OPS}: NumericEquals compares numbers`, { NumericEquals: { 'secretsmanager:RecoveryWindowInDays': 30 } }, { 'secretsmanager:RecoveryWindowInDays': '30' }, true),
  cond(`${OPS}: NumericEquals compares values, not text`, { NumericEquals: { 'secretsmanager:RecoveryWindowInDays': '30.0' } }, { 'secretsmanager:RecoveryWindowInDays': '30' }, true),
  cond(`${OPS}: NumericNotEquals matches a different number`, { NumericNotEquals: { 'secretsmanager:RecoveryWindowInDays': 7 } }, { 'secretsmanager:RecoveryWindowInDays': '30' }, true),
  cond(NEG_ABSENT, { NumericNotEquals: { 'secretsmanager:RecoveryWindowInDays': 7 } }, {}, true),
  cond(`${OPS}: NumericLessThan`, { NumericLessThan: { 'secretsmanager:RecoveryWindowInDays': 10 } }, { 'secretsmanager:RecoveryWindowInDays': '7' }, true),
  cond(`${OPS}: NumericLessThan is strict`, { NumericLessThan: { 'secretsmanager:RecoveryWindowInDays': 7 } }, { 'secretsmanager:RecoveryWindowInDays': '7' }, false),
  cond(`${OPS}: NumericLessThanEquals`, { NumericLessThanEquals: { 'secretsmanager:RecoveryWindowInDays': 7 } }, { 'secretsmanager:RecoveryWindowInDays': '7' }, true),
  cond(`${OPS}: NumericGreaterThan`, { NumericGreaterThan: { 'secretsmanager:RecoveryWindowInDays': 7 } }, { 'secretsmanager:RecoveryWindowInDays': '30' }, true),
  cond(`${OPS}: NumericGreaterThanEquals`, { NumericGreaterThanEquals: { 'secretsmanager:RecoveryWindowInDays': 30 } }, { 'secretsmanager:RecoveryWindowInDays': '7' }, false),
  cond(`${OPS}: a value that is not a number makes a numeric condition false`, { NumericEquals: { 'secretsmanager:RecoveryWindowInDays': 30 } }, { 'secretsmanager:RecoveryWindowInDays': 'thirty' }, false),
  cond(`${OPS}: a value that is not a number makes a negated numeric condition false too`, { NumericNotEquals: { 'secretsmanager:RecoveryWindowInDays': 'seven' } }, { 'secretsmanager:RecoveryWindowInDays': '30' }, false),
  cond(IF_EXISTS, { NumericLessThanIfExists: { 'secretsmanager:RecoveryWindowInDays': 7 } }, {}, true),
  cond(ABSENT, { NumericGreaterThan: { 'secretsmanager:RecoveryWindowInDays': 7 } }, {}, false),
  // Date operators
  cond(`${OPS}: DateLessThan (aws:CurrentTime)`, { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true),
  cond(`${OPS}: DateLessThan is false after the date`, { DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, false),
  cond(`${OPS}: DateGreaterThan`, { DateGreaterThan: { 'aws:CurrentTime': '2025-06-30T12:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true),
  cond(`${OPS}: DateGreaterThanEquals includes the instant`, { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true),
  cond(`${OPS}: DateLessThanEquals includes the instant`, { DateLessThanEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true),
  cond(`${OPS}: dates may be epoch seconds on either side`, { DateEquals: { 'aws:CurrentTime': 1767225600 } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true),
  cond(`${OPS}: dates may be epoch seconds (aws:EpochTime) against ISO 8601`, { DateLessThan: { 'aws:EpochTime': '2027-01-01T00:00:00Z' } }, { 'aws:EpochTime': '1767225600' }, true),
  cond(`${OPS}: DateEquals compares instants, not text`, { DateEquals: { 'aws:CurrentTime': '2026-01-01T01:00:00+01:00' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true),
  cond(`${OPS}: DateNotEquals matches another date`, { DateNotEquals: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, true),
  cond(NEG_ABSENT, { DateNotEquals: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } }, {}, true),
  cond(`${OPS}: a value that is not a date makes the condition false`, { DateEquals: { 'aws:CurrentTime': 'tomorrow' } }, { 'aws:CurrentTime': '2026-01-01T00:00:00Z' }, false),
  cond(IF_EXISTS, { DateGreaterThanIfExists: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }, {}, true),
  // Bool, Binary
  cond(`${OPS}: Bool (aws:SecureTransport is false over plain HTTP)`, { Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'false' }, false),
  cond(`${OPS}: Bool takes a JSON boolean`, { Bool: { 'aws:SecureTransport': false } }, { 'aws:SecureTransport': 'false' }, true),
  cond(ABSENT, { Bool: { 'aws:SecureTransport': true } }, {}, false),
  cond(IF_EXISTS, { BoolIfExists: { 'kms:GrantIsForAWSResource': true } }, {}, true),
  cond(`${OPS}: Bool (kms:GrantIsForAWSResource)`, { Bool: { 'kms:GrantIsForAWSResource': 'true' } }, { 'kms:GrantIsForAWSResource': 'true' }, true),
  cond(`${OPS}: Bool (secretsmanager:BlockPublicPolicy)`, { Bool: { 'secretsmanager:BlockPublicPolicy': 'true' } }, { 'secretsmanager:BlockPublicPolicy': 'false' }, false),
  cond(`${OPS}: BinaryEquals compares base64 values`, { BinaryEquals: { 'kms:EncryptionContext:blob': 'QmluYXJ5' } }, { 'kms:EncryptionContext:blob': 'QmluYXJ5' }, true),
  cond(`${OPS}: BinaryEquals fails on other bytes`, { BinaryEquals: { 'kms:EncryptionContext:blob': 'QmluYXJ5' } }, { 'kms:EncryptionContext:blob': 'T3RoZXI=' }, false),
  cond(`${OPS}: BinaryEquals on a value that is not base64 is false`, { BinaryEquals: { 'kms:EncryptionContext:blob': 'QmluYXJ5' } }, { 'kms:EncryptionContext:blob': 'not base64!' }, false),
  cond(IF_EXISTS, { BinaryEqualsIfExists: { 'kms:EncryptionContext:blob': 'QmluYXJ5' } }, {}, true),
  // IP address operators
  cond(`${OPS}: IpAddress matches an address in a CIDR block (aws:SourceIp)`, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.7' }, true),
  cond(`${OPS}: IpAddress fails outside the block`, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '198.51.100.7' }, false),
  cond(`${OPS}: IpAddress takes a plain address`, { IpAddress: { 'aws:SourceIp': '127.0.0.1' } }, { 'aws:SourceIp': '127.0.0.1' }, true),
  cond(`${OPS}: IpAddress takes IPv6 blocks`, { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8:1::7' }, true),
  cond(`${OPS}: an IPv4-mapped IPv6 address is its IPv4 address`, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '::ffff:203.0.113.7' }, true),
  cond(`${OPS}: an IPv4 address is not in an unrelated IPv6 block`, { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '203.0.113.7' }, false),
  cond(`${OPS}: several blocks are ORed`, { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }, { 'aws:SourceIp': '203.0.113.7' }, true),
  cond(`${OPS}: NotIpAddress matches outside the block`, { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '203.0.113.7' }, true),
  cond(`${OPS}: NotIpAddress fails inside any block`, { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }, { 'aws:SourceIp': '203.0.113.7' }, false),
  cond(NEG_ABSENT, { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, true),
  cond(ABSENT, { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, false),
  cond(IF_EXISTS, { IpAddressIfExists: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, true),
  cond(`${OPS}: a malformed CIDR block makes the condition false`, { IpAddress: { 'aws:SourceIp': '203.0.113.0/40' } }, { 'aws:SourceIp': '203.0.113.7' }, false),
  // ARN operators
  cond(`${OPS}: ArnLike with wildcards (aws:PrincipalArn)`, { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/*` } }, { 'aws:PrincipalArn': ROLE }, true),
  cond(`${OPS}: ArnLike compares each component; * may stand for the whole account`, { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app' } }, { 'aws:PrincipalArn': ROLE }, true),
  cond(`${OPS}: ArnLike's * does not span components`, { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*/app' } }, { 'aws:PrincipalArn': ROLE }, false),
  cond(`${OPS}: ArnLike is case-sensitive`, { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/App` } }, { 'aws:PrincipalArn': ROLE }, false),
  cond(`${OPS}: ArnEquals matches the same ARN`, { ArnEquals: { 'aws:PrincipalArn': ROLE } }, { 'aws:PrincipalArn': ROLE }, true),
  cond(`${OPS}: ArnEquals fails on another account`, { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${OTHER}:role/app` } }, { 'aws:PrincipalArn': ROLE }, false),
  cond(`${OPS}: ArnNotEquals matches another ARN`, { ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${OTHER}:role/app` } }, { 'aws:PrincipalArn': ROLE }, true),
  cond(`${OPS}: ArnNotLike fails on a matching ARN`, { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }, { 'aws:PrincipalArn': ROLE }, false),
  cond(NEG_ABSENT, { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }, {}, true),
  cond(`${OPS}: ArnLike on a value that is not an ARN is false`, { ArnLike: { 'kms:EncryptionContext:arn': 'arn:aws:iam::*:role/*' } }, { 'kms:EncryptionContext:arn': 'not-an-arn' }, false),
  cond(IF_EXISTS, { ArnLikeIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }, {}, true),
  // Null
  cond(`${OPS}: Null true holds when the key is absent`, { Null: { 'aws:RequestTag/env': 'true' } }, {}, true),
  cond(`${OPS}: Null true fails when the key is present`, { Null: { 'aws:RequestTag/env': 'true' } }, { 'aws:RequestTag/env': 'prod' }, false),
  cond(`${OPS}: Null false holds when the key is present`, { Null: { 'aws:ResourceTag/env': false } }, { 'aws:ResourceTag/env': 'prod' }, true),
  cond(`${OPS}: Null false fails when the key is absent`, { Null: { 'aws:ResourceTag/env': 'false' } }, {}, false),
  cond(`${OPS}: Null true holds for a multivalued key with no values`, { Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] }, true),
  // Set qualifiers on multivalued keys
  cond(`${MULTI}: ForAnyValue holds when one request value matches (aws:TagKeys)`, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }, { 'aws:TagKeys': ['env', 'team'] }, true),
  cond(`${MULTI}: ForAnyValue fails when no request value matches`, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['owner'] } }, { 'aws:TagKeys': ['env', 'team'] }, false),
  cond(`${MULTI}: ForAnyValue is false when the key is absent`, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['owner'] } }, {}, false),
  cond(`${MULTI}: ForAnyValue is false when the key has no values`, { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['owner'] } }, { 'aws:TagKeys': [] }, false),
  cond(`${MULTI}: ForAllValues holds when every request value matches`, { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team', 'owner'] } }, { 'aws:TagKeys': ['env', 'team'] }, true),
  cond(`${MULTI}: ForAllValues fails when one request value matches nothing`, { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': ['env', 'team'] }, false),
  cond(`${MULTI}: ForAllValues is true when the key is absent`, { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, {}, true),
  cond(`${MULTI}: ForAllValues is true when the key has no values`, { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': [] }, true),
  cond(`${MULTI}: ForAllValues with StringLike (kms:EncryptionContextKeys)`, { 'ForAllValues:StringLike': { 'kms:EncryptionContextKeys': ['app:*'] } }, { 'kms:EncryptionContextKeys': ['app:tenant', 'app:purpose'] }, true),
  cond(`${MULTI}: ForAnyValue with a negated operator holds when one value matches none`, { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': ['env', 'team'] }, true),
  cond(`${MULTI}: ForAllValues with a negated operator holds when no value is listed`, { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret', 'admin'] } }, { 'aws:TagKeys': ['env', 'team'] }, true),
  cond(`${MULTI}: ForAllValues with a negated operator fails when one value is listed`, { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['admin'] } }, { 'aws:TagKeys': ['env', 'admin'] }, false),
  cond(`${MULTI}: without a qualifier a positive operator holds when any request value matches`, { StringEquals: { 'secretsmanager:VersionStage': 'AWSCURRENT' } }, { 'secretsmanager:VersionStage': ['AWSPREVIOUS', 'AWSCURRENT'] }, true),
  cond(`${MULTI}: without a qualifier a negated operator fails when any request value matches`, { StringNotEquals: { 'secretsmanager:VersionStage': 'AWSCURRENT' } }, { 'secretsmanager:VersionStage': ['AWSPREVIOUS', 'AWSCURRENT'] }, false),
  cond(IF_EXISTS, { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['env'] } }, {}, true),
  cond(`${MULTI}: ForAllValues bounds kms:GrantOperations`, { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt', 'Encrypt'] } }, { 'kms:GrantOperations': ['Decrypt'] }, true),
  cond(`${MULTI}: ForAllValues rejects an extra grant operation`, { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] } }, { 'kms:GrantOperations': ['Decrypt', 'CreateGrant'] }, false),
  cond(`${MULTI}: ForAnyValue with StringLike (kms:ResourceAliases)`, { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/prod-*' } }, { 'kms:ResourceAliases': ['alias/test', 'alias/prod-db'] }, true),
  cond(`${MULTI}: ForAnyValue on secretsmanager:VersionStage`, { 'ForAnyValue:StringEquals': { 'secretsmanager:VersionStage': 'AWSPENDING' } }, { 'secretsmanager:VersionStage': ['AWSCURRENT'] }, false),
  cond(`${MULTI}: ForAllValues on secretsmanager:AddReplicaRegions`, { 'ForAllValues:StringEquals': { 'secretsmanager:AddReplicaRegions': ['eu-west-1'] } }, { 'secretsmanager:AddReplicaRegions': ['eu-west-1', 'ap-south-1'] }, false),
  // Condition keys
  cond(`${OPS}: aws:PrincipalAccount`, { StringEquals: { 'aws:PrincipalAccount': ACCT } }, { 'aws:PrincipalAccount': ACCT }, true),
  cond(`${OPS}: aws:PrincipalTag/* (tag keys compare case-insensitively)`, { StringEquals: { 'aws:PrincipalTag/Team': 'payments' } }, { 'aws:PrincipalTag/team': 'payments' }, true),
  cond(`${OPS}: aws:RequestTag/*`, { StringEquals: { 'aws:RequestTag/env': 'prod' } }, { 'aws:RequestTag/env': 'dev' }, false),
  cond(`${OPS}: aws:ResourceTag/* (tag keys compare case-insensitively)`, { StringEquals: { 'aws:ResourceTag/Env': 'prod' } }, { 'aws:ResourceTag/env': 'prod' }, true),
  cond(`${OPS}: secretsmanager:ResourceTag/*`, { StringEquals: { 'secretsmanager:ResourceTag/owner': 'alice' } }, { 'secretsmanager:ResourceTag/owner': 'alice' }, true),
  cond(`${OPS}: condition keys are case-insensitive`, { StringEquals: { 'KMS:EncryptionContext:Purpose': 'backup' } }, { 'kms:encryptioncontext:purpose': 'backup' }, true),
  cond(`${OPS}: kms:ViaService`, { StringEquals: { 'kms:ViaService': VIA_SM } }, { 'kms:ViaService': VIA_SM }, true),
  cond(`${OPS}: kms:CallerAccount`, { StringEquals: { 'kms:CallerAccount': ACCT } }, { 'kms:CallerAccount': OTHER }, false),
  cond(`${OPS}: secretsmanager:VersionId`, { StringEquals: { 'secretsmanager:VersionId': 'EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE' } }, { 'secretsmanager:VersionId': 'EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE' }, true),
  cond(`${OPS}: secretsmanager:Description`, { StringLike: { 'secretsmanager:Description': '*db*' } }, { 'secretsmanager:Description': 'prod db password' }, true),
  cond(`${OPS}: an unknown key is absent: a positive operator fails`, { StringEquals: { 'kms:NoSuchKey': 'x' } }, {}, false),
  cond(`${OPS}: an unknown key is absent: a negated operator holds`, { StringNotEquals: { 'kms:NoSuchKey': 'x' } }, {}, true),
  cond(`${OPS}: an unknown condition operator never matches`, { StringEqualz: { 'kms:KeySpec': 'SYMMETRIC_DEFAULT' } }, { 'kms:KeySpec': 'SYMMETRIC_DEFAULT' }, false),
  cond(`${OPS}: Null takes no IfExists`, { NullIfExists: { 'kms:KeySpec': 'true' } }, {}, false),
  cond(`IAM JSON policy elements: Condition: all operator blocks must hold`, { StringEquals: { 'kms:KeySpec': 'SYMMETRIC_DEFAULT' }, Bool: { 'aws:SecureTransport': true } }, { 'kms:KeySpec': 'SYMMETRIC_DEFAULT', 'aws:SecureTransport': 'false' }, false),
  cond(`IAM JSON policy elements: Condition: all keys of a block must hold`, { StringEquals: { 'kms:KeySpec': 'SYMMETRIC_DEFAULT', 'kms:KeyUsage': 'ENCRYPT_DECRYPT' } }, { 'kms:KeySpec': 'SYMMETRIC_DEFAULT', 'kms:KeyUsage': 'ENCRYPT_DECRYPT' }, true),
  // Policy variables in condition values
  cond(`${VARS}: a variable in a condition value takes the request's value`, { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } }, { 'aws:ResourceTag/owner': 'alice', 'aws:username': 'alice' }, true),
  cond(`${VARS}: variable names are case-insensitive`, { StringEquals: { 'aws:ResourceTag/owner': '${AWS:UserName}' } }, { 'aws:ResourceTag/owner': 'alice', 'aws:username': 'alice' }, true),
  cond(`${VARS}: a variable in StringLike (aws:userid)`, { StringLike: { 'kms:EncryptionContext:user': '${aws:userid}*' } }, { 'kms:EncryptionContext:user': 'AIDAEXAMPLE:x', 'aws:userid': 'AIDAEXAMPLE' }, true),
  cond(`${VARS}: a variable without a value and without a default matches nothing`, { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } }, { 'aws:ResourceTag/owner': 'alice' }, false),
  cond(`${VARS}: the default value stands for an absent key`, { StringEquals: { 'aws:ResourceTag/team': "${aws:PrincipalTag/team, 'shared'}" } }, { 'aws:ResourceTag/team': 'shared' }, true),
  cond(`${VARS}: the key's value wins over the default`, { StringEquals: { 'aws:ResourceTag/team': "${aws:PrincipalTag/team, 'shared'}" } }, { 'aws:ResourceTag/team': 'shared', 'aws:PrincipalTag/team': 'payments' }, false),
  cond(`${VARS}: \${*} is a literal asterisk`, { StringLike: { 'kms:EncryptionContext:note': 'a${*}' } }, { 'kms:EncryptionContext:note': 'ab' }, false),
  cond(`${VARS}: \${*} matches an asterisk`, { StringLike: { 'kms:EncryptionContext:note': 'a${*}' } }, { 'kms:EncryptionContext:note': 'a*' }, true),
  cond(`${VARS}: \${?} is a literal question mark`, { StringLike: { 'kms:EncryptionContext:note': 'why${?}' } }, { 'kms:EncryptionContext:note': 'whyX' }, false),
  cond(`${VARS}: \${$} is a literal dollar sign`, { StringEquals: { 'kms:EncryptionContext:note': '${$}5' } }, { 'kms:EncryptionContext:note': '$5' }, true),
  cond(`${VARS}: variables are literal text in Version 2008-10-17 policies`, { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } }, { 'aws:ResourceTag/owner': 'alice', 'aws:username': 'alice' }, false, '2008-10-17'),
  cond(`${VARS}: …and matched as such`, { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } }, { 'aws:ResourceTag/owner': '${aws:username}', 'aws:username': 'alice' }, true, '2008-10-17'),
];

const matchingCases: Case[] = [
  onAction('IAM JSON policy elements: Action: service:* matches every action of the service', 'kms:*', DECRYPT, true),
  onAction('IAM JSON policy elements: Action: actions are case-insensitive', 'KMS:decrypt', DECRYPT, true),
  onAction('IAM JSON policy elements: Action: a prefix wildcard', 'kms:ReEncrypt*', 'kms:ReEncryptFrom', true),
  onAction('IAM JSON policy elements: Action: a prefix wildcard matches only its prefix', 'kms:ReEncrypt*', DECRYPT, false),
  onAction('IAM JSON policy elements: Action: ? matches one character', 'kms:?ecrypt', DECRYPT, true),
  onAction('IAM JSON policy elements: Action: * matches every action', '*', 'secretsmanager:DeleteSecret', true),
  onAction("IAM JSON policy elements: Action: another service's actions do not match", 'secretsmanager:*', DECRYPT, false),
  onAction('IAM JSON policy elements: Action: a list matches when one entry does', ['kms:Encrypt', 'kms:Decrypt'], DECRYPT, true),
  c('IAM JSON policy elements: NotAction: allows every action not listed', user([idp({ Effect: 'Allow', NotAction: 'kms:Encrypt', Resource: '*' })]), key({ resourcePolicyKind: undefined, resourcePolicy: undefined }), 'identity'),
  c('IAM JSON policy elements: NotAction: allows nothing listed', user([idp({ Effect: 'Allow', NotAction: 'kms:*', Resource: '*' })]), key({ resourcePolicyKind: undefined, resourcePolicy: undefined }), 'no-identity-allow'),
  c('IAM JSON policy elements: NotAction with Deny denies every action not listed', user([idp(allow('kms:*'), { Effect: 'Deny', NotAction: 'kms:Describe*', Resource: '*' })]), key(), 'explicit-deny-identity'),
  onResource(`${ARN}: an exact ARN`, KEY, KEY, true),
  onResource(`${ARN}: wildcards within components`, `arn:aws:kms:*:${ACCT}:key/*`, KEY, true),
  onResource(`${ARN}: the account component must match`, `arn:aws:kms:us-east-1:${OTHER}:key/*`, KEY, false),
  onResource(`${ARN}: a * does not span the region and account components`, 'arn:aws:kms:*:key/*', KEY, false),
  onResource(`${ARN}: ? in the region`, `arn:aws:kms:us-east-?:${ACCT}:key/*`, KEY, true),
  onResource(`${ARN}: the resource part is case-sensitive`, `arn:aws:kms:us-east-1:${ACCT}:key/1234ABCD-12AB-34CD-56EF-1234567890AB`, KEY, false),
  onResource(`${ARN}: the last component keeps its colons`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:prod/*`, SECRET, true),
  onResource(`${ARN}: another secret path does not match`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:dev/*`, SECRET, false),
  onResource(`${VARS}: \${aws:username} in Resource`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:\${aws:username}/*`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:alice/db-AbCdEf`, true, { 'aws:username': 'alice' }),
  onResource(`${VARS}: \${aws:username} in Resource excludes others' paths`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:\${aws:username}/*`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:bob/db-AbCdEf`, false, { 'aws:username': 'alice' }),
  onResource(`${VARS}: a Resource whose variable has no value matches nothing`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:\${aws:username}/*`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:alice/db-AbCdEf`, false),
  onResource(`${VARS}: \${aws:PrincipalAccount} in Resource`, 'arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/*', KEY, true, { 'aws:PrincipalAccount': ACCT }),
  onResource(`${VARS}: a default value in Resource`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:\${aws:PrincipalTag/team, 'prod'}/*`, SECRET, true),
  onResource(`${VARS}: a substituted value is literal, its * is no wildcard`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:\${aws:PrincipalTag/prefix}`, SECRET, false, { 'aws:PrincipalTag/prefix': '*' }),
  onResource(`${VARS}: no Version means literal text`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:\${aws:username}/*`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:alice/db-AbCdEf`, false, { 'aws:username': 'alice' }, null),
  onResource(`${VARS}: Version 2008-10-17 means literal text`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:\${aws:username}/*`, `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:alice/db-AbCdEf`, false, { 'aws:username': 'alice' }, '2008-10-17'),
  c('IAM JSON policy elements: NotResource: allows every resource not listed', user([idp({ Effect: 'Allow', Action: DECRYPT, NotResource: KEY2 })]), key(), 'identity'),
  c('IAM JSON policy elements: NotResource: allows nothing listed', user([idp({ Effect: 'Allow', Action: DECRYPT, NotResource: KEY })]), key(), 'no-identity-allow'),
  c('IAM JSON policy elements: NotResource with Deny denies every resource not listed', user([idp(allow(), { Effect: 'Deny', Action: DECRYPT, NotResource: KEY2 })]), key(), 'explicit-deny-identity'),
  c('IAM JSON policy elements: Resource is required in identity policies; a statement without it allows nothing', user([idp({ Effect: 'Allow', Action: DECRYPT })]), key(), 'no-identity-allow'),
  c(`${EVAL}: any identity policy may allow`, user([idp(allow('kms:Encrypt')), idp(allow(DECRYPT))]), key(), 'identity'),
];

const decisionCases: Case[] = [
  // Explicit deny
  c(`${EVAL}: an explicit deny in an identity policy overrides any allow`, user([idp(allow(), deny())]), key(), 'explicit-deny-identity'),
  c(`${EVAL}: an explicit deny in a resource policy overrides any allow`, allowedUser(), key({ resourcePolicy: rp(rAllow(aws(rootOf(ACCT))), rDeny(aws(userArn(ACCT)), { Action: DECRYPT })) }), 'explicit-deny-resource'),
  c(`${EVAL}: an explicit deny in a session policy overrides any allow`, roleSession([idp(allow())], [idp(allow(), deny())]), key(), 'explicit-deny-session'),
  c(`${EVAL}: identity-policy denies are reported first (Strongroom's order: identity, resource, session)`, user([idp(allow(), deny())]), key({ resourcePolicy: rp(rAllow(aws(rootOf(ACCT))), rDeny('*')) }), 'explicit-deny-identity'),
  c(`${EVAL}: resource-policy denies are reported before session-policy denies`, roleSession([idp(allow())], [idp(deny())]), key({ resourcePolicy: rp(rAllow(aws(rootOf(ACCT))), rDeny('*')) }), 'explicit-deny-resource'),
  c(`${EVAL}: a resource-policy deny naming the account applies to its users`, allowedUser(), key({ resourcePolicy: rp(rAllow(aws(rootOf(ACCT))), rDeny(aws(ACCT))) }), 'explicit-deny-resource'),
  c(`${EVAL}: a resource-policy deny naming another principal does not apply`, allowedUser(), key({ resourcePolicy: rp(rAllow(aws(rootOf(ACCT))), rDeny(aws(userArn(ACCT, 'bob')))) }), 'identity'),
  c(`${EVAL}: a deny whose condition does not hold does not apply`, user([idp(allow(), deny(DECRYPT, '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))]), key({ conditions: keys({ 'aws:SecureTransport': 'true' }) }), 'identity'),
  c(`${EVAL}: a deny whose condition holds applies`, user([idp(allow(), deny(DECRYPT, '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))]), key({ conditions: keys({ 'aws:SecureTransport': 'false' }) }), 'explicit-deny-identity'),
  c('IAM JSON policy elements: NotPrincipal: a deny spares the principals listed', allowedUser(), key({ resourcePolicy: rp(rAllow(aws(rootOf(ACCT))), { Effect: 'Deny', NotPrincipal: aws(userArn(ACCT)), Action: '*', Resource: '*' }) }), 'identity'),
  c('IAM JSON policy elements: NotPrincipal: a deny applies to everyone not listed', allowedUser(), key({ resourcePolicy: rp(rAllow(aws(rootOf(ACCT))), { Effect: 'Deny', NotPrincipal: aws(userArn(ACCT, 'bob')), Action: '*', Resource: '*' }) }), 'explicit-deny-resource'),
  c(`${EVAL}: an explicit deny binds the account root too`, root(), secret({ resourcePolicy: rp(rDeny(aws(rootOf(ACCT)))) }), 'explicit-deny-resource'),
  c(`${EVAL}: an identity-policy deny overrides a resource policy that names the caller`, user([idp(deny(GET))]), secret({ resourcePolicy: rp(rAllow(aws(userArn(ACCT)))) }), 'explicit-deny-identity'),
  // Root
  c(`${EVAL}: the account root may do anything in its account that no policy denies`, root(), secret(), 'identity'),
  c(`${EVAL}: the root needs no mention in a secret's resource policy`, root(), secret({ resourcePolicy: rp(rAllow(aws(userArn(ACCT, 'bob')))) }), 'identity'),
  c(`${KMS}: the default key policy allows the account root`, root(), key(), 'resource'),
  c(`${KMS}: a key policy that does not allow the account locks out even the root`, root(), key({ resourcePolicy: rp(rAllow(aws(userArn(ACCT, 'bob')))) }), 'no-resource-allow'),
  c(`${CROSS}: another account's root is allowed by a resource policy naming its account`, root(OTHER), secret({ resourcePolicy: rp(rAllow(aws(OTHER))) }), 'resource'),
  c(`${CROSS}: another account's root needs a resource policy`, root(OTHER), secret(), 'no-resource-allow'),
  c(`${EVAL}: the root's implicit allow covers actions without a resource`, root(), noResource('kms:CreateKey'), 'identity'),
  // Same account, resource policies of secrets
  c(`${EVAL}: same account: a resource policy naming the user allows without an identity policy`, user(), secret({ resourcePolicy: rp(rAllow(aws(userArn(ACCT)))) }), 'resource'),
  c(`${EVAL}: same account: an identity policy allows without a resource policy`, allowedUser(GET), secret(), 'identity'),
  c(`${EVAL}: same account: an identity policy allows when the resource policy names someone else`, allowedUser(GET), secret({ resourcePolicy: rp(rAllow(aws(userArn(ACCT, 'bob')))) }), 'identity'),
  c(`${EVAL}: an implicit deny when nothing allows`, user(), secret(), 'no-identity-allow'),
  c(`${EVAL}: a resource policy naming the account leaves the decision to identity policies`, user(), secret({ resourcePolicy: rp(rAllow(aws(ACCT))) }), 'no-identity-allow'),
  c('IAM JSON policy elements: Principal: "*" names everyone', user(), secret({ resourcePolicy: rp(rAllow('*')) }), 'resource'),
  c('IAM JSON policy elements: Principal: {"AWS": "*"} names everyone', user(), secret({ resourcePolicy: rp(rAllow(aws('*'))) }), 'resource'),
  c('IAM JSON policy elements: Principal: a service principal does not name a user', user(), secret({ resourcePolicy: rp(rAllow({ Service: 'lambda.amazonaws.com' })) }), 'no-identity-allow'),
  c("IAM JSON policy elements: Principal: a role's ARN names its sessions", roleSession(), secret({ resourcePolicy: rp(rAllow(aws(ROLE))) }), 'resource'),
  c('IAM JSON policy elements: Principal: an assumed-role session ARN names that session', roleSession(), secret({ resourcePolicy: rp(rAllow(aws(SESSION))) }), 'resource'),
  c('IAM JSON policy elements: Principal: another user is not the caller', user(), secret({ resourcePolicy: rp(rAllow(aws(userArn(ACCT, 'bob')))) }), 'no-identity-allow'),
  c(`${EVAL}: a resource-policy statement for another action does not allow`, user(), secret({ resourcePolicy: rp(rAllow(aws(userArn(ACCT)), { Action: 'secretsmanager:DescribeSecret' })) }), 'no-identity-allow'),
  c('IAM JSON policy elements: NotPrincipal: an allow applies to everyone not listed', user(), secret({ resourcePolicy: rp({ Effect: 'Allow', NotPrincipal: aws(userArn(ACCT, 'bob')), Action: GET, Resource: '*' }) }), 'resource'),
  c('IAM JSON policy elements: Resource: a resource policy may leave Resource out', user(), secret({ resourcePolicy: rp({ Effect: 'Allow', Principal: aws(userArn(ACCT)), Action: GET }) }), 'resource'),
  c(`${EVAL}: a resource-policy condition must hold`, user(), secret({ resourcePolicy: rp(rAllow('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': OTHER } } })), conditions: keys({ 'aws:PrincipalAccount': ACCT }) }), 'no-identity-allow'),
  // Cross account, resource policies of secrets
  c(`${CROSS}: both sides allow: the resource policy names the user`, allowedUser(GET, '*', OTHER), secret({ resourcePolicy: rp(rAllow(aws(userArn(OTHER)))) }), 'resource'),
  c(`${CROSS}: both sides allow: the resource policy names the user's account`, allowedUser(GET, '*', OTHER), secret({ resourcePolicy: rp(rAllow(aws(rootOf(OTHER)))) }), 'identity'),
  c(`${CROSS}: an identity allow alone is not enough without a resource policy`, allowedUser(GET, '*', OTHER), secret(), 'no-resource-allow'),
  c(`${CROSS}: an identity allow alone is not enough when the resource policy names others`, allowedUser(GET, '*', OTHER), secret({ resourcePolicy: rp(rAllow(aws(rootOf(ACCT)))) }), 'no-resource-allow'),
  c(`${CROSS}: a resource policy naming the user is not enough without an identity allow`, user([], OTHER), secret({ resourcePolicy: rp(rAllow(aws(userArn(OTHER)))) }), 'no-identity-allow'),
  c(`${CROSS}: Principal "*" is not enough without an identity allow`, user([], OTHER), secret({ resourcePolicy: rp(rAllow('*')) }), 'no-identity-allow'),
  c(`${CROSS}: the identity policy must cover the resource`, allowedUser(GET, `arn:aws:secretsmanager:*:${OTHER}:secret:*`, OTHER), secret({ resourcePolicy: rp(rAllow(aws(OTHER))) }), 'no-identity-allow'),
  c(`${CROSS}: a role session of another account`, roleSession([idp(allow(GET))], [], OTHER), secret({ resourcePolicy: rp(rAllow(aws(`arn:aws:iam::${OTHER}:role/app`))) }), 'resource'),
  // KMS key policies
  c(`${KMS}: with the default key policy, IAM policies decide`, allowedUser(), key(), 'identity'),
  c(`${KMS}: with the default key policy and no IAM allow, the user is denied`, user(), key(), 'no-identity-allow'),
  c(`${KMS}: a key policy naming the user allows without an IAM policy`, user(), key({ resourcePolicy: rp(rAllow(aws(userArn(ACCT)), { Action: DECRYPT })) }), 'resource'),
  c(`${KMS}: IAM policies count only when the key policy allows the account`, allowedUser(), key({ resourcePolicy: rp(rAllow(aws(userArn(ACCT, 'bob')))) }), 'no-resource-allow'),
  c(`${KMS}: a key without a policy allows no one`, allowedUser(), key({ resourcePolicy: undefined }), 'no-resource-allow'),
  c(`${KMS}: the account may be named by its id`, allowedUser(), key({ resourcePolicy: rp(rAllow(aws(ACCT))) }), 'identity'),
  c(`${KMS}: cross-account: the key policy names the other account and its IAM policy allows`, allowedUser(DECRYPT, '*', OTHER), key({ resourcePolicy: rp(rAllow(aws(rootOf(ACCT))), rAllow(aws(rootOf(OTHER)), { Action: DECRYPT })) }), 'identity'),
  c(`${KMS}: cross-account: the key policy names the user but its IAM policy does not allow`, user([], OTHER), key({ resourcePolicy: rp(rAllow(aws(userArn(OTHER)))) }), 'no-identity-allow'),
  c(`${KMS}: cross-account: the key policy names the user and its IAM policy allows`, allowedUser(DECRYPT, '*', OTHER), key({ resourcePolicy: rp(rAllow(aws(userArn(OTHER)))) }), 'resource'),
  c(`${KMS}: cross-account: a key policy that does not name the account denies`, allowedUser(DECRYPT, '*', OTHER), key(), 'no-resource-allow'),
  c(`${KMS}: cross-account: the other account's root needs only the key policy`, root(OTHER), key({ resourcePolicy: rp(rAllow(aws(rootOf(OTHER)))) }), 'resource'),
  c(`${KMS}: a key policy statement for other actions does not delegate this one`, allowedUser(), key({ resourcePolicy: rp(rAllow(aws(rootOf(ACCT)), { Action: 'kms:Describe*' })) }), 'no-resource-allow'),
  c(`${KMS}: AWS managed key: anyone in the account through the service`, user(), key({ resourcePolicy: managedKeyPolicy, conditions: keys({ 'kms:CallerAccount': ACCT, 'kms:ViaService': VIA_SM }) }), 'resource'),
  c(`${KMS}: AWS managed key: not directly, even with an IAM allow`, allowedUser(), key({ resourcePolicy: managedKeyPolicy, conditions: keys({ 'kms:CallerAccount': ACCT }) }), 'no-resource-allow'),
  c(`${KMS}: AWS managed key: not from another account`, user([], OTHER), key({ resourcePolicy: managedKeyPolicy, conditions: keys({ 'kms:CallerAccount': OTHER, 'kms:ViaService': VIA_SM }) }), 'no-resource-allow'),
  c(`${KMS}: AWS managed key: a delegated action still needs an IAM allow for it`, allowedUser('kms:DescribeKey'), key({ action: 'kms:GetKeyPolicy', resourcePolicy: managedKeyPolicy }), 'no-identity-allow'),
  c(`${KMS}: AWS managed key: IAM allows count for the delegated actions`, allowedUser('kms:GetKeyPolicy'), key({ action: 'kms:GetKeyPolicy', resourcePolicy: managedKeyPolicy }), 'identity'),
  // Grants
  c(`${GRANTS}: a grant allows without any policy`, user(), key({ grantAllows: true }), 'grant'),
  c(`${GRANTS}: a grant allows when the key policy does not mention the account`, user(), key({ resourcePolicy: rp(rAllow(aws(userArn(ACCT, 'bob')))), grantAllows: true }), 'grant'),
  c(`${GRANTS}: a grant allows another account's principal`, user([], OTHER), key({ grantAllows: true }), 'grant'),
  c(`${GRANTS}: an explicit deny in an identity policy beats a grant`, user([idp(deny())]), key({ grantAllows: true }), 'explicit-deny-identity'),
  c(`${GRANTS}: an explicit deny in the key policy beats a grant`, user(), key({ resourcePolicy: rp(rAllow(aws(rootOf(ACCT))), rDeny(aws(userArn(ACCT)))), grantAllows: true }), 'explicit-deny-resource'),
  c(`${GRANTS}: without a grant, the key policy decides`, user(), key({ resourcePolicy: rp(rAllow(aws(userArn(ACCT, 'bob')))), grantAllows: false }), 'no-resource-allow'),
  // Trust policies
  c('IAM roles, trust policies: a trust policy naming the user lets it assume the role', user(), trust(rp(rAllow(aws(userArn(ACCT)), { Action: 'sts:AssumeRole' }))), 'resource'),
  c("IAM roles, trust policies: a trust policy naming another account needs that account's IAM allow", allowedUser('sts:AssumeRole', ROLE, OTHER), trust(rp(rAllow(aws(rootOf(OTHER)), { Action: 'sts:AssumeRole' }))), 'identity'),
  c('IAM roles, trust policies: a trust policy naming another account is not enough alone', user([], OTHER), trust(rp(rAllow(aws(rootOf(OTHER)), { Action: 'sts:AssumeRole' }))), 'no-identity-allow'),
  c('IAM roles, trust policies: a trust policy naming a service lets no user assume the role', allowedUser('sts:AssumeRole'), trust(rp(rAllow({ Service: 'lambda.amazonaws.com' }, { Action: 'sts:AssumeRole' }))), 'no-resource-allow'),
  c('IAM roles, trust policies: role chaining: a trust policy naming a role admits its sessions', roleSession(), trust(rp(rAllow(aws(ROLE), { Action: 'sts:AssumeRole' }))), 'resource'),
  c(
    'IAM roles, trust policies: conditions such as sts:ExternalId must hold',
    user(),
    trust(rp(rAllow(aws(userArn(ACCT)), { Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } } })), { conditions: keys({ 'sts:ExternalId': 'x-2' }) }),
    'no-resource-allow',
  ),
  // Session policies
  c(`${SESSIONS}: an allow needs both the identity policy and the session policy`, roleSession([idp(allow())], [idp(allow())]), key(), 'identity'),
  c(`${SESSIONS}: an identity allow is bounded by the session policy`, roleSession([idp(allow())], [idp(allow('kms:Encrypt'))]), key(), 'no-session-allow'),
  c(`${SESSIONS}: a session policy grants nothing the identity policy does not`, roleSession([idp(allow('kms:Encrypt'))], [idp(allow('*'))]), key(), 'no-identity-allow'),
  c(`${SESSIONS}: a resource policy naming the role is bounded by the session policy`, roleSession([], [idp(allow('kms:Encrypt'))]), secret({ resourcePolicy: rp(rAllow(aws(ROLE))) }), 'no-session-allow'),
  c(`${SESSIONS}: a resource policy naming the session itself is not bounded by the session policy`, roleSession([], [idp(allow('kms:Encrypt'))]), secret({ resourcePolicy: rp(rAllow(aws(SESSION))) }), 'resource'),
  c(`${SESSIONS}: the session policy bounds IAM allows a key policy delegates`, roleSession([idp(allow())], [idp(allow(DECRYPT, KEY))]), key(), 'identity'),
  c(`${SESSIONS}: a session policy on other resources does not allow`, roleSession([idp(allow())], [idp(allow(DECRYPT, KEY2))]), key(), 'no-session-allow'),
  // Actions without a resource
  c(`${EVAL}: an action without a resource is allowed by an identity policy on "*"`, allowedUser('secretsmanager:ListSecrets'), noResource('secretsmanager:ListSecrets'), 'identity'),
  c(`${ARN}: an action without a resource needs Resource "*"`, allowedUser('secretsmanager:ListSecrets', 'arn:aws:secretsmanager:*:*:secret:*'), noResource('secretsmanager:ListSecrets'), 'no-identity-allow'),
  c(`${EVAL}: an action without a resource is decided by identity policies alone`, user(), noResource('kms:CreateKey', { resourcePolicy: rp(rAllow(aws(userArn(ACCT)))), resourcePolicyKind: 'key' }), 'no-identity-allow'),
  c('IAM JSON policy elements: NotResource: covers actions without a resource', user([idp({ Effect: 'Allow', Action: 'kms:CreateKey', NotResource: KEY })]), noResource('kms:CreateKey'), 'identity'),
  c(`${SESSIONS}: session policies bound actions without a resource too`, roleSession([idp(allow('kms:CreateKey'))], [idp(allow(DECRYPT))]), noResource('kms:CreateKey'), 'no-session-allow'),
];

const cases = [...conditionCases, ...matchingCases, ...decisionCases];

const decision = (expected: Expected): Decision =>
  expected === 'identity' || expected === 'resource' || expected === 'grant' ? { allowed: true, by: expected } : { allowed: false, reason: expected };

describe('evaluate', () => {
  it('has a table of at least 150 cases, each naming its rule', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    for (const { rule } of cases) expect(rule).toMatch(/^(IAM|KMS)/);
  });

  it.each(cases.map((row) => [row.rule, row] as const))('%s', (_rule, { principal, target, expected }) => {
    expect(evaluate(principal, target)).toEqual(decision(expected));
  });
});
