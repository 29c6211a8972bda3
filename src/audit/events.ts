// The CloudTrail record of a call (buildEvent) and of an event a service emits itself
// (serviceEvent), shaped as AWS's documented entries for KMS, Secrets Manager and STS: the same
// fields in the same order, parameters in CloudTrail's spelling, and nothing secret — members
// the model marks sensitive and every blob (plaintexts, ciphertexts, secret values, key
// material, passwords) are left out, as AWS leaves them out. Pure: no store, no I/O.
import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext, ResolvedResource } from '../pipeline/context';
import { perObject } from '../memo';
import type { ServiceModel, Shape } from '../protocol/model';
import { isReadOnly, ruleOf, serviceRuleOf } from './event-rules';
import type { FinishedCall, TrailEvent, UserIdentity } from './types';

/** The CloudTrail record format version Strongroom writes. */
const EVENT_VERSION = '1.09';

/** Who AWS names as the caller of a request with no client behind it. */
const AWS_INTERNAL = 'AWS Internal';

type TrailResource = NonNullable<TrailEvent['resources']>[number];

/** The last second isoSeconds wrote, and its text: the calls of one second share it. */
let lastSecond = NaN;
let lastSecondText = '';

/** ISO 8601 to the second: `2026-11-30T12:00:00Z` (eventTime, creationDate). */
function isoSeconds(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecondText = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    lastSecond = second;
  }
  return lastSecondText;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A timestamp inside requestParameters/responseElements, as AWS writes them: `Nov 30, 2026, 12:00:00 PM` (UTC). */
export function elementTime(date: Date): string {
  const hours = date.getUTCHours();
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${hours % 12 || 12}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${clock}`;
}

/**
 * A member's name in CloudTrail: the first letter lower-cased (`SecretId` → `secretId`,
 * `AWSAccountId` → `aWSAccountId`, as KMS's KeyMetadata entries show), and an all-capital name
 * wholly (`ARN` → `arn`: Secrets Manager's entries since February 2024).
 */
export function cloudTrailName(member: string): string {
  return member === member.toUpperCase() ? member.toLowerCase() : member[0].toLowerCase() + member.slice(1);
}

/** A structure's members with their CloudTrail names, listed once per shape of the loaded model. */
const trailMembers = perObject((shape: Shape) => Object.entries(shape.members ?? {}).map(([name, ref]) => ({ name, shape: ref.shape, trailName: cloudTrailName(name) })));

function asDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  // Epoch seconds (the wire's form) or an ISO text.
  if (typeof value === 'number') return new Date(value * 1000);
  if (typeof value === 'string') return new Date(value);
  return undefined;
}

/** A value of the model's shape in CloudTrail's form; undefined for what AWS never writes (sensitive, blobs). */
function element(model: ServiceModel, shapeName: string, value: unknown, omit: readonly string[] = []): unknown {
  const shape = model.shapes[shapeName];
  if (value === undefined || value === null || !shape || shape.sensitive || shape.type === 'blob') return undefined;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object') return undefined;
      const out: Record<string, unknown> = {};
      for (const member of trailMembers(shape)) {
        if (omit.includes(member.name)) continue;
        const converted = element(model, member.shape, (value as Record<string, unknown>)[member.name]);
        if (converted !== undefined) out[member.trailName] = converted;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((item) => element(model, shape.member!.shape, item)).filter((item) => item !== undefined) : undefined;
    case 'map': {
      if (typeof value !== 'object') return undefined;
      const out: Record<string, unknown> = {};
      // Map keys are data (encryption context keys, tag keys): written as they are.
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const converted = element(model, shape.value!.shape, item);
        if (converted !== undefined) out[key] = converted;
      }
      return out;
    }
    case 'timestamp': {
      const date = asDate(value);
      return date && !Number.isNaN(date.getTime()) ? elementTime(date) : undefined;
    }
    default:
      return typeof value === 'object' ? undefined : value;
  }
}

/** A whole input or output in CloudTrail's form: null when there is nothing to write, as AWS writes it. */
function elements(model: ServiceModel, shapeName: string | undefined, value: unknown, omit?: readonly string[]): Record<string, unknown> | null {
  if (!shapeName) return null;
  const converted = element(model, shapeName, value, omit) as Record<string, unknown> | undefined;
  return converted && Object.keys(converted).length > 0 ? converted : null;
}

/** The last segment of an IAM ARN: a user's or a role's name. */
function nameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** CloudTrail's userIdentity for a principal (CloudTrail userIdentity element). */
function userIdentityOf(principal: Principal, invokedBy?: string): UserIdentity {
  const identity: UserIdentity = { type: principal.type, principalId: principal.principalId, arn: principal.arn, accountId: principal.accountId, accessKeyId: principal.accessKeyId };
  if (principal.type === 'IAMUser') identity.userName = nameOf(principal.arn);
  const { session } = principal;
  if (session) {
    const attributes = { creationDate: isoSeconds(new Date(session.createdAt)), mfaAuthenticated: 'false' };
    identity.sessionContext =
      principal.type === 'AssumedRole'
        ? { sessionIssuer: { type: 'Role', principalId: session.issuerPrincipalId, arn: session.issuerArn, accountId: principal.accountId, userName: nameOf(session.issuerArn) }, attributes }
        : // A session of a user's or the root's own (GetSessionToken): AWS shows its attributes only.
          { attributes };
  }
  if (invokedBy !== undefined) identity.invokedBy = invokedBy;
  return identity;
}

/** The IPv4 a dual-stack socket reports as `::ffff:127.0.0.1`, as CloudTrail writes it. */
function sourceIp(ctx: RequestContext): string {
  // A call one service makes for another comes from that service, by name (AWS's SM → KMS entries).
  if (ctx.invokedBy !== undefined) return ctx.invokedBy;
  return ctx.sourceIp?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') ?? AWS_INTERNAL;
}

function resourcesOf(call: FinishedCall, eventSource: string): TrailResource[] | undefined {
  if (!serviceRuleOf(eventSource).resources) return undefined;
  const resolved: ResolvedResource[] = [...call.ctx.resources];
  const named = ruleOf(call.ctx.service, call.ctx.operation).resourceMember;
  const arn = named && call.input?.[named.member];
  if (named && typeof arn === 'string') resolved.push({ type: named.type, arn, accountId: arn.split(':')[4] ?? call.ctx.accountId });
  const seen = new Set<string>();
  const resources = resolved.filter((r) => !seen.has(r.arn) && seen.add(r.arn)).map((r) => ({ accountId: r.accountId, type: r.type, ARN: r.arn }));
  return resources.length > 0 ? resources : undefined;
}

function requestParametersOf(call: FinishedCall): Record<string, unknown> | null {
  const rule = ruleOf(call.ctx.service, call.ctx.operation);
  // The call failed before its input was read, or AWS writes none.
  if (call.input === undefined || rule.noRequestParameters) return null;
  const params = elements(call.model, call.spec.input, call.input, rule.omit);
  return rule.defaults ? { ...params, ...Object.fromEntries(Object.entries(rule.defaults).filter(([key]) => params?.[key] === undefined)) } : params;
}

function responseElementsOf(call: FinishedCall, eventSource: string, readOnly: boolean): Record<string, unknown> | null {
  const { service, operation } = call.ctx;
  const rule = ruleOf(service, operation);
  // Failed calls have no response; read-only ones (every cryptographic operation, every secret value) AWS does not write.
  if (call.error || !(rule.logsResponse ?? !readOnly)) return null;
  const response = elements(call.model, call.spec.output, call.output, rule.omit);
  const key = call.ctx.resources.find((r) => r.type === 'AWS::KMS::Key');
  if (response === null && key && serviceRuleOf(eventSource).keyArnInResponse) return { keyId: key.arn };
  return response;
}

/** The fields a record carries, in the order written (JSON keeps it: AWS's); a copy rather than deletes, which would leave a slow dictionary-mode object. */
function present(event: TrailEvent): TrailEvent {
  const out: Record<string, unknown> = {};
  for (const field in event) if (event[field as keyof TrailEvent] !== undefined) out[field] = event[field as keyof TrailEvent];
  return out as unknown as TrailEvent;
}

/** The CloudTrail record of one API call, answered or failed. */
export function buildEvent(call: FinishedCall): TrailEvent {
  const { ctx, error } = call;
  const eventSource = `${ctx.service}.amazonaws.com`;
  const readOnly = isReadOnly(ctx.service, ctx.operation);
  return present({
    eventVersion: EVENT_VERSION,
    userIdentity: userIdentityOf(ctx.principal, ctx.invokedBy),
    eventTime: isoSeconds(ctx.now),
    eventSource,
    eventName: ctx.operation,
    awsRegion: ctx.region,
    sourceIPAddress: sourceIp(ctx),
    userAgent: ctx.invokedBy ?? ctx.userAgent ?? AWS_INTERNAL,
    // The wire's code: STS names some errors differently from their shapes (MalformedPolicyDocument).
    errorCode: error && (call.model.shapes[error.name]?.error?.code ?? error.name),
    errorMessage: error?.hasMessage ? error.message : undefined,
    requestParameters: requestParametersOf(call),
    responseElements: responseElementsOf(call, eventSource, readOnly),
    additionalEventData: call.wouldDeny.length > 0 ? { strongroomWouldDeny: call.wouldDeny } : undefined,
    requestID: ctx.requestId,
    eventID: randomUUID(),
    readOnly,
    resources: resourcesOf(call, eventSource),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ctx.accountId,
    eventCategory: 'Management',
  });
}

export interface ServiceEventInput {
  accountId: string;
  region: string;
  /** `kms.amazonaws.com`, `secretsmanager.amazonaws.com`. */
  eventSource: string;
  eventName: string;
  now: Date;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  resources?: TrailResource[];
  serviceEventDetails?: Record<string, unknown>;
  /** Secrets Manager names its rotation events' requests (`Rotation-<secret arn>-<token>`); otherwise a fresh id. */
  requestId?: string;
  /** A failed service event (RotationFailed) carries AWS's errorMessage, and an errorCode where AWS writes one. */
  errorCode?: string;
  errorMessage?: string;
}

/**
 * The record of an event a service emits itself (KMS DeleteKey, RotateKey,
 * DeleteExpiredKeyMaterial; Secrets Manager's rotation and deletion events): no caller but the
 * account, and the service — `AWS Internal` for KMS, its own name for Secrets Manager — as
 * invokedBy, source and agent.
 */
export function serviceEvent(input: ServiceEventInput): TrailEvent {
  const caller = serviceRuleOf(input.eventSource).serviceEventCaller ?? input.eventSource;
  return present({
    eventVersion: EVENT_VERSION,
    userIdentity: { accountId: input.accountId, invokedBy: caller },
    eventTime: isoSeconds(input.now),
    eventSource: input.eventSource,
    eventName: input.eventName,
    awsRegion: input.region,
    sourceIPAddress: caller,
    userAgent: caller,
    errorCode: input.errorCode,
    errorMessage: input.errorMessage,
    requestParameters: input.requestParameters ?? null,
    responseElements: input.responseElements ?? null,
    additionalEventData: input.additionalEventData,
    requestID: input.requestId ?? randomUUID(),
    eventID: randomUUID(),
    readOnly: false,
    resources: input.resources,
    eventType: 'AwsServiceEvent',
    managementEvent: true,
    recipientAccountId: input.accountId,
    serviceEventDetails: input.serviceEventDetails,
    eventCategory: 'Management',
  });
}
