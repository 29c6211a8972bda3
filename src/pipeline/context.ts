// The request context: everything the pipeline knows about one call of an AWS operation, from
// whichever door it came in (HTTP, a seed file, the console, a rotation, another service). Each
// step fills in its part; handlers read it (as their service's context, which extends it).

/** The kinds of caller AWS distinguishes (CloudTrail's userIdentity.type, aws:PrincipalType). */
type PrincipalType = 'Root' | 'IAMUser' | 'AssumedRole';

/**
 * Who is calling. In open mode an access key that the IAM directory does not know is the root
 * of its account (accountOf); a known key or a session token names a user or a role session.
 */
export interface Principal {
  accessKeyId: string;
  /** The caller's account: the access key's, or the default one. */
  accountId: string;
  type: PrincipalType;
  /** The caller's ARN: `arn:aws:iam::<acct>:root`, `…:user/<path><name>`, `arn:aws:sts::<acct>:assumed-role/<role>/<session>`. */
  arn: string;
  /** aws:PrincipalArn: the role's ARN for a role session, otherwise `arn`. */
  principalArn: string;
  /** STS's UserId and CloudTrail's principalId: the account id for root, `AIDA…` for a user, `AROA…:<session>` for a role session. */
  principalId: string;
  /** aws:PrincipalTag/*: the user's or role's tags (a session's own tags override). */
  tags?: Record<string, string>;
  /** Session policies of temporary credentials (policy JSON texts): they bound what identity policies allow. */
  sessionPolicies?: string[];
  /** Temporary credentials: when the session was made and by whom (CloudTrail's sessionContext). */
  session?: { issuerArn: string; issuerPrincipalId: string; issuerType: 'Role' | 'IAMUser' | 'Root'; createdAt: string; expiresAt: string };
}

/** The root of an account as an unknown access key presents it in open mode (and as in-process callers act). */
export function rootPrincipal(accountId: string, accessKeyId: string, partition = 'aws'): Principal {
  const arn = `arn:${partition}:iam::${accountId}:root`;
  return { accessKeyId, accountId, type: 'Root', arn, principalArn: arn, principalId: accountId };
}

/** A resource an operation acts on, as its service resolved it (a key by id, alias or ARN; a secret by name or ARN). */
export interface ResolvedResource {
  /** CloudTrail's resource type: `AWS::KMS::Key`, `AWS::SecretsManager::Secret`. */
  type: string;
  arn: string;
  accountId: string;
}

export interface RequestContext {
  requestId: string;
  /** The service's name (`kms`, `secretsmanager`) and the operation (`Encrypt`). */
  service: string;
  operation: string;
  principal: Principal;
  /** The account and region the call acts in. */
  accountId: string;
  region: string;
  /** The access key of the principal (kept beside it: handlers and logs read it often). */
  accessKeyId: string;
  /** The emulated time of the call, fixed when it starts. */
  now: Date;
  sourceIp?: string;
  userAgent?: string;
  /** For a call one service makes for another: the calling service's principal (`secretsmanager.amazonaws.com`), AWS's kms:ViaService and CloudTrail's invokedBy. */
  invokedBy?: string;
  /** The resources the operation resolved, in order: what authorization and the audit trail look at. */
  resources: ResolvedResource[];
}

/** Notes a resource the call resolved. Services call it from their one resolution function (KMS findKey, Secrets Manager findSecret). */
export function noteResource(ctx: { resources?: ResolvedResource[] }, resource: ResolvedResource): void {
  ctx.resources?.push(resource);
}

/** Who calls in process, and where. */
export interface InProcessCaller {
  principal: Principal;
  /** The account the call acts in (where bare key ids and names resolve), when not the principal's: a service acting on another account's resource for its caller. */
  accountId?: string;
  region: string;
  /** The calling service's principal, for a call one service makes for another. */
  invokedBy?: string;
  /** Strongroom acting as itself (a seed file, scheduled work): policies are not evaluated. */
  trusted?: boolean;
  /**
   * Answer before this call's audit event is stored: for a call made for a caller whose own
   * event is recorded after it (the trail writes in order, and the caller's answer waits for its
   * event), while the caller holds a lock that a wait on the trail would keep held.
   */
  eventAfterAnswer?: boolean;
}

/** Runs an operation in process: resolves to the handler's result, or rejects with the AwsError a client would get. */
export type InProcessCall = <T = unknown>(service: string, operation: string, input: Record<string, unknown>, caller: InProcessCaller) => Promise<T>;
