// The contracts of the audit trail (docs/audit.md): the CloudTrail record format, what the
// pipeline knows of a finished call, the trail (persisted events, queries, the export), and
// what services may ask of it (service events, a key's last use). The pieces meet only here.
import type { WouldDeny } from '../auth/types';
import type { RequestContext } from '../pipeline/context';
import type { AwsError } from '../protocol/errors';
import type { OperationModel, ServiceModel } from '../protocol/model';
import type { BatchOp } from '../store/store';

/** CloudTrail's userIdentity block. */
export interface UserIdentity {
  /** Absent in a service event's identity, which names only the account and the service (invokedBy). */
  type?: 'Root' | 'IAMUser' | 'AssumedRole' | 'AWSService' | 'AWSAccount';
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: {
    sessionIssuer?: { type: string; principalId: string; arn: string; accountId: string; userName: string };
    attributes: { creationDate: string; mfaAuthenticated: string };
  };
  /** The service that made the call for the principal (`secretsmanager.amazonaws.com`). */
  invokedBy?: string;
}

/** One CloudTrail event record, as CloudTrail writes it (field names and order as AWS's documented entries). */
export interface TrailEvent {
  eventVersion: string;
  userIdentity: UserIdentity;
  /** ISO 8601 to the second, UTC, on the emulated clock: `2026-11-30T12:00:00Z`. */
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  /** Strongroom puts audit mode's `wouldDeny` decisions here (CloudTrail's free-form block). */
  additionalEventData?: Record<string, unknown>;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  resources?: { accountId: string; type: string; ARN: string }[];
  eventType: 'AwsApiCall' | 'AwsServiceEvent';
  managementEvent: boolean;
  recipientAccountId: string;
  /** What a service event is about (KMS RotateKey, DeleteExpiredKeyMaterial: the key id). */
  serviceEventDetails?: Record<string, unknown>;
  eventCategory: 'Management';
}

/** What the pipeline knows of a call once it has an answer (or an error), for its event. */
export interface FinishedCall {
  ctx: RequestContext;
  model: ServiceModel;
  spec: OperationModel;
  /** The input as the handler took it (Buffers, Dates), if the call got that far. */
  input?: Record<string, unknown>;
  /** The handler's result (Buffers, Dates), on success. */
  output?: unknown;
  error?: AwsError;
  /** Denials audit mode let through. */
  wouldDeny: WouldDeny[];
}

/** The CloudTrail LookupAttribute keys. */
export type LookupAttributeKey = 'EventId' | 'EventName' | 'ReadOnly' | 'Username' | 'ResourceType' | 'ResourceName' | 'EventSource' | 'AccessKeyId';

export interface TrailQuery {
  accountId: string;
  region: string;
  attribute?: { key: LookupAttributeKey; value: string };
  startTime?: Date;
  endTime?: Date;
  maxResults: number;
  /** An opaque token a previous page returned. */
  nextToken?: string;
}

export interface TrailPage {
  /** Newest first. */
  events: TrailEvent[];
  nextToken?: string;
}

/** Filters of the JSON Lines export (`GET /_strongroom/audit`). */
export interface ExportFilter {
  accountId?: string;
  region?: string;
  eventSource?: string;
  eventName?: string;
  /** Only events with an errorCode, or only those with audit mode's would-deny mark. */
  errors?: boolean;
  wouldDeny?: boolean;
  since?: Date;
  until?: Date;
}

/** The last cryptographic use of a KMS key (GetKeyLastUsage). */
export interface KeyUsage {
  operation: string;
  timestamp: Date;
  cloudTrailEventId: string;
  kmsRequestId: string;
}

/** The persisted trail. */
export interface Trail {
  /**
   * Writes an event — in the event's recipient account and region, and also in the caller's
   * account when that differs — together with `extra` ops in one atomic batch, grouped with the
   * other events of the same moment (group commit); resolves once it is in the store. Appends it
   * to the `--audit-log` file. Events are written in the order recorded (`extra` may be a
   * promise: the event takes its place at once), and a lookup or export sees every event
   * recorded before it.
   */
  record(event: TrailEvent, extra?: BatchOp[] | Promise<BatchOp[]>): Promise<void>;
  lookup(query: TrailQuery): Promise<TrailPage>;
  export(filter: ExportFilter): AsyncIterable<TrailEvent>;
}

/** What services may ask of the audit trail: record their service events, read a key's last use. */
export interface AuditSink {
  /** Records an event the service emits itself (eventType AwsServiceEvent). */
  record(event: TrailEvent, extra?: BatchOp[]): Promise<void>;
  keyLastUsage(accountId: string, region: string, keyArn: string): Promise<KeyUsage | undefined>;
  /** When Strongroom started tracking key use in this data dir (GetKeyLastUsage's TrackingStartDate). */
  trackingStartDate(): Promise<Date>;
}
