// The wire contract as data: protocol/<service>.json, generated from botocore by
// scripts/generate-protocol.mjs. Loaded once per process and shared by every request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// CloudTrail's model also has float and double shapes, in outputs of operations Strongroom does not implement.
type ShapeType = 'structure' | 'string' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'timestamp' | 'blob' | 'list' | 'map';

export interface MemberRef {
  shape: string;
  idempotencyToken?: boolean;
}

export interface Shape {
  type: ShapeType;
  required?: string[];
  members?: Record<string, MemberRef>;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  exception?: boolean;
  fault?: boolean;
  /** A query-protocol error's wire code and status (STS: MalformedPolicyDocumentException is `MalformedPolicyDocument`). */
  error?: { code: string; httpStatusCode: number };
}

export interface OperationModel {
  input?: string;
  output?: string;
  errors: string[];
}

export interface ServiceModel {
  /** Our service id, also the file name in protocol/. */
  name: ServiceName;
  /**
   * `targetPrefix` routes AWS JSON requests (X-Amz-Target); a query-protocol model (STS) has
   * none, `protocol: 'query'` and the namespace of its XML answers instead.
   */
  metadata: { apiVersion: string; targetPrefix?: string; signingName: string; jsonVersion?: string; protocol?: 'query'; xmlNamespace?: string };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
  /** `Message` for Secrets Manager, `message` for KMS: read off the model's exception shapes. */
  errorMessageKey: string;
}

export type ServiceName = 'secretsmanager' | 'kms' | 'sts' | 'cloudtrail';

const PROTOCOL_DIR = join(__dirname, '..', '..', 'protocol');
const cache = new Map<ServiceName, ServiceModel>();

export function loadModel(name: ServiceName): ServiceModel {
  let model = cache.get(name);
  if (!model) {
    const raw = JSON.parse(readFileSync(join(PROTOCOL_DIR, `${name}.json`), 'utf8'));
    const anException = Object.values(raw.shapes as Record<string, Shape>).find((s) => s.exception && s.members);
    const errorMessageKey = Object.keys(anException?.members ?? {}).find((k) => k.toLowerCase() === 'message') ?? 'message';
    model = { name, ...raw, errorMessageKey } as ServiceModel;
    cache.set(name, model);
  }
  return model;
}
