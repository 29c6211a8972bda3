// Rotation functions as Secrets Manager invokes them: by ARN, with the four-step event, in an
// environment that points every AWS SDK back at this server. Where a function runs (a Node.js
// module, a Python handler, a command, a Lambda Invoke endpoint, a built-in rotator, a function
// given to createStrongroom()) is the executor's business; the rotation engine sees only this.
import type { Principal } from '../pipeline/context';


/** The event AWS sends a rotation function (field names and Step values as AWS's templates read them). */
export interface RotationEvent {
  Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
  /** The secret's ARN. */
  SecretId: string;
  /** The version id of the pending version (the RotateSecret ClientRequestToken). */
  ClientRequestToken: string;
  RotationToken: string;
}

/** What an executor is told about one invocation. */
export interface Invocation {
  functionArn: string;
  /** The function's name (the ARN's `function:<name>`, without a version or alias qualifier). */
  functionName: string;
  /** The account and region of the secret being rotated (and of its function). */
  accountId: string;
  region: string;
  /** How long the function may run before it is stopped and the step fails (AWS's rotation maximum by default). */
  timeoutMs: number;
  /** Environment for the function: the endpoint and credentials that point SDKs back at this server. */
  env: Record<string, string>;
  /** Who the function acts as (its execution role's session, or the account's root): in-process functions call with it, others through `env`'s credentials. */
  principal: Principal;
  /** Writes a line of the function's output to Strongroom's log, prefixed with the function and step. */
  log(line: string): void;
}

/** A function error, as Lambda reports one (`X-Amz-Function-Error` with `errorType`/`errorMessage`). */
export interface FunctionError {
  errorType: string;
  errorMessage: string;
}

export type InvokeResult = { ok: true; payload: unknown } | { ok: false; error: FunctionError };

/** One rotation function, wherever it runs. Never rejects: a crash, a hang past the timeout or a bad answer is an `ok: false` result. */
export interface RotationFunction {
  invoke(event: RotationEvent, invocation: Invocation): Promise<InvokeResult>;
  /** The execution role the seed names for it (`role:`): its calls are authorized as a session of that role. */
  role?: string;
}

/** Finds the function an ARN names (seed file's `lambda` section, createStrongroom's functions, a Lambda endpoint), or none. */
export type FunctionResolver = (functionArn: string) => RotationFunction | undefined;

export interface FunctionSessionRequest {
  accountId: string;
  region: string;
  /** The execution role the seed names for the function. */
  role?: string;
  functionName: string;
  now: Date;
}

export interface FunctionSession {
  principal: Principal;
  /** AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, for a session, AWS_SESSION_TOKEN. */
  credentials: Record<string, string>;
}
