// The contracts of access control (docs/access-control.md): the modes, what the IAM directory
// answers, what a service tells the authorize step about one call, and what the policy
// evaluator decides. The pieces meet only here: the identity step authenticates with the
// directory, services describe their calls as AuthorizationTargets, the evaluator decides.
import type { Principal } from '../pipeline/context';
import type { PolicyDocument } from './policy/grammar';

/**
 * `open`: any well-formed SigV4 request (no verification). `verify`: signatures verified against
 * the IAM directory. `audit`: verified, and every policy decision evaluated and logged as
 * "would deny" without denying. `enforce`: denials enforced.
 */
export type AuthMode = 'open' | 'verify' | 'audit' | 'enforce';
export const AUTH_MODES: readonly AuthMode[] = ['open', 'verify', 'audit', 'enforce'];

/** Condition key values of one request, keyed by the condition key in lower case (IAM matches keys case-insensitively). A key that does not apply is absent. */
export type ConditionValues = Record<string, string[]>;

/**
 * One authorization check a call needs: an action on a resource. Most operations need one;
 * some need several (ReEncrypt: kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the
 * destination; CreateAlias: the alias and the key).
 */
export interface AuthorizationTarget {
  /** `kms:Decrypt`, `secretsmanager:GetSecretValue`, `sts:AssumeRole`. */
  action: string;
  /** The resource's ARN, or `*` for actions without a resource (ListSecrets, CreateKey, GenerateRandom). */
  resource: string;
  /** The account that owns the resource (the caller's for `*`): another account's resource needs both sides to allow. */
  resourceAccount: string;
  /** The resource's policy, if it has one: a key policy, a secret's resource policy, a role's trust policy. */
  resourcePolicy?: PolicyDocument;
  /**
   * `resource` (a secret's policy): in the same account an identity policy or the resource
   * policy may allow. `key` and `trust` (KMS key policies, role trust policies): the resource
   * policy is authoritative; identity policies count only where it allows the caller's account
   * (delegation to the account root).
   */
  resourcePolicyKind?: 'resource' | 'key' | 'trust';
  /** KMS: whether a grant on the key allows this principal this operation (a third source of allow). */
  grantAllows?: boolean;
  /**
   * What is costly to find and often not needed, found only when the decision needs it: the
   * grants (read only when the policies alone do not allow) and condition keys (by lower-cased
   * key, read only when a policy in play names the key, e.g. `kms:resourcealiases`).
   */
  deferred?: { grantAllows?: () => Promise<boolean>; conditions?: Record<string, () => Promise<string[]>> };
  /** The request's and the resource's condition keys for this check (service keys, aws:RequestTag/…, aws:ResourceTag/…); the authorize step adds the global ones. */
  conditions: ConditionValues;
}

/** What the evaluator needs to know of the caller. */
export interface EvaluatedPrincipal {
  type: Principal['type'];
  accountId: string;
  arn: string;
  principalArn: string;
  /** The user's or role's identity policies (none for root: root may do anything in its own account). */
  identityPolicies: PolicyDocument[];
  /** Session policies: when present, an identity-side allow must also be allowed by them. */
  sessionPolicies: PolicyDocument[];
}

/** Why a call is denied; each is one of AWS's AccessDenied message endings. */
export type DenyReason =
  | 'explicit-deny-identity' // "with an explicit deny in an identity-based policy"
  | 'explicit-deny-resource' // "with an explicit deny in a resource-based policy"
  | 'explicit-deny-session' // "with an explicit deny in a session policy"
  | 'no-identity-allow' // "because no identity-based policy allows the <action> action"
  | 'no-resource-allow' // "because no resource-based policy allows the <action> action"
  | 'no-session-allow'; // "because no session policy allows the <action> action"

export type Decision = { allowed: true; by: 'identity' | 'resource' | 'grant' } | { allowed: false; reason: DenyReason };

/** A user's or role's long-term or temporary credentials, as the directory knows them. */
export interface KeyOwner {
  secretAccessKey: string;
  principal: Principal;
}

/** A role as the `iam` seed section declares it. */
export interface RoleRecord {
  name: string;
  accountId: string;
  arn: string;
  /** `AROA…`: the role's unique id (the principalId of its sessions is `<roleId>:<session name>`). */
  roleId: string;
  trustPolicy: PolicyDocument;
  /** Seconds: AssumeRole's DurationSeconds may not exceed it (AWS's default 3600). */
  maxSessionDuration: number;
  tags: Record<string, string>;
}

/** Temporary credentials as STS returns them. */
export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** The principals of the `iam` seed section (and the default `test`/`test` root key), and the sessions STS issues for them. */
export interface IamDirectory {
  /**
   * Who owns an access key. With a session token: the temporary credentials it carries (throws
   * UnrecognizedClientException for a token Strongroom did not issue, ExpiredTokenException
   * past its expiry on `now`). Without: a long-term key of the seed, or undefined.
   */
  owner(accessKeyId: string, sessionToken: string | undefined, now: Date): KeyOwner | undefined;
  /** The identity policies of a principal: its user's or role's inline policies (none for root). */
  identityPolicies(principal: Principal): PolicyDocument[];
  /** A role by ARN. */
  role(arn: string): RoleRecord | undefined;
  /** The account of a long-term or temporary access key the directory issued (GetAccessKeyInfo). */
  accountOfKey(accessKeyId: string): string | undefined;
  /** Issues temporary credentials (`ASIA…`) for `principal`, valid until `expiration` on the emulated clock. */
  issue(principal: Principal, expiration: Date): TemporaryCredentials;
}

/** A denial `audit` mode let through: the audit trail marks its event with it. */
export interface WouldDeny {
  action: string;
  resource: string;
  message: string;
}
