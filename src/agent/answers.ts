// The agent port's answers. A secret is GetSecretValue's result, serialized as the program
// Strongroom stands in for serializes the SDK's output:
// - the Secrets Manager Agent (Rust, aws-secretsmanager-agent): ARN, Name, VersionId, then
//   SecretString or SecretBinary (base64) and VersionStages only when present, and CreatedDate
//   as a string of epoch seconds with their fraction ("1569534789.046");
// - the Parameters and Secrets Lambda extension (Go SDK output through encoding/json): every
//   field, absent ones null, CreatedDate in RFC 3339 with the fraction's trailing zeros dropped,
//   and an empty ResultMetadata.
// Errors of the call are the agent's: the AWS status, and `{"__type":…, "message":…}`.
import { AwsError, InternalFailure } from '../protocol/errors';

export const AGENT_FLAVORS = ['agent', 'extension'] as const;
export type AgentFlavor = (typeof AGENT_FLAVORS)[number];

/** GetSecretValue's result as an in-process call gives it. */
export interface SecretValue {
  ARN?: string;
  Name?: string;
  VersionId?: string;
  SecretString?: string;
  SecretBinary?: Uint8Array;
  VersionStages?: string[];
  CreatedDate?: Date;
}

export interface Answer {
  status: number;
  /** JSON for secrets and AWS errors; plain text for the agent's own refusals. */
  json: boolean;
  body: string;
}

const base64 = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('base64'));

/** Go's time.Time in JSON (RFC3339Nano): no fraction when it is zero, else without trailing zeros. */
function goTime(date: Date): string {
  return date.toISOString().replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}

export function secretAnswer(flavor: AgentFlavor, value: SecretValue): Answer {
  const body =
    flavor === 'agent'
      ? {
          ARN: value.ARN ?? null,
          Name: value.Name ?? null,
          VersionId: value.VersionId ?? null,
          SecretString: value.SecretString,
          SecretBinary: base64(value.SecretBinary),
          VersionStages: value.VersionStages,
          CreatedDate: value.CreatedDate ? String(value.CreatedDate.getTime() / 1000) : null,
        }
      : {
          ARN: value.ARN ?? null,
          CreatedDate: value.CreatedDate ? goTime(value.CreatedDate) : null,
          Name: value.Name ?? null,
          SecretBinary: base64(value.SecretBinary) ?? null,
          SecretString: value.SecretString ?? null,
          VersionId: value.VersionId ?? null,
          VersionStages: value.VersionStages ?? null,
          ResultMetadata: {},
        };
  return { status: 200, json: true, body: JSON.stringify(body) };
}

/** The agent's answer to a failed call: the AWS error as it came; a bare InternalFailure (500) for InternalFailure, one without a message, or a bug. */
export function errorAnswer(err: unknown, statusOf: (err: AwsError) => number): Answer {
  if (!(err instanceof AwsError) || !err.hasMessage || err instanceof InternalFailure) return { status: 500, json: true, body: '{"__type":"InternalFailure"}' };
  return { status: statusOf(err), json: true, body: `{"__type":${JSON.stringify(err.name)}, "message":${JSON.stringify(err.message)}}` };
}

/** One of the agent's own refusals (bad token, bad query, …): a status and a short text. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    text: string,
  ) {
    super(text);
  }

  get answer(): Answer {
    return { status: this.status, json: false, body: this.message };
  }
}
