// The request context: everything the pipeline knows about one call of an AWS operation, from
// whichever door it came in (HTTP, a seed file, the console, a rotation, another service). Each
// step fills in its part; handlers read it (as their service's context, which extends it).

/** Who is calling. `arn` is set once strict mode identifies users and roles; open mode knows the access key only. */
export interface Principal {
  accessKeyId: string;
  /** The caller's account: the access key's, or the default one. */
  accountId: string;
  arn?: string;
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
  region: string;
  /** The calling service's principal, for a call one service makes for another. */
  invokedBy?: string;
}

/** Runs an operation in process: resolves to the handler's result, or rejects with the AwsError a client would get. */
export type InProcessCall = <T = unknown>(service: string, operation: string, input: Record<string, unknown>, caller: InProcessCaller) => Promise<T>;
