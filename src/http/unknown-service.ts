// Requests for AWS services Strongroom does not emulate (S3, SQS, DynamoDB …), as an application
// moved from LocalStack sends them: answered in the service's own error format, so its SDK
// reports a typed error, with a message that names the service instead of AWS's bare
// UnknownOperationException. The service is known from the X-Amz-Target prefix or from the
// SigV4 credential scope, whose fourth element is the service's signing name.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UnknownOperationException } from '../protocol/errors';
import { escapeXml, xmlError } from '../protocol/query';
import { sendError, sendXml } from './respond';

/** Target prefixes (the part before the dot) of JSON-protocol services, by the name users know them by. */
const TARGET_PREFIXES: Record<string, string> = {
  DynamoDB_20120810: 'DynamoDB',
  DynamoDBStreams_20120810: 'DynamoDB Streams',
  AmazonSQS: 'SQS',
  AmazonSSM: 'Systems Manager (SSM)',
  AWSEvents: 'EventBridge',
  Kinesis_20131202: 'Kinesis',
  Logs_20140328: 'CloudWatch Logs',
  GraniteServiceVersion20100801: 'CloudWatch',
  AWSStepFunctions: 'Step Functions',
  Firehose_20150804: 'Firehose',
  CertificateManager: 'ACM',
  AmazonEC2ContainerRegistry_V20150921: 'ECR',
  AWSCognitoIdentityProviderService: 'Cognito user pools',
};

/** Signing names (credential scope services) of other services, by the name users know them by; any other is shown as it is. */
const SIGNING_NAMES: Record<string, string> = {
  s3: 'S3',
  sqs: 'SQS',
  sns: 'SNS',
  dynamodb: 'DynamoDB',
  lambda: 'Lambda',
  ssm: 'Systems Manager (SSM)',
  events: 'EventBridge',
  kinesis: 'Kinesis',
  logs: 'CloudWatch Logs',
  monitoring: 'CloudWatch',
  states: 'Step Functions',
  iam: 'IAM',
  cloudformation: 'CloudFormation',
  firehose: 'Firehose',
  ses: 'SES',
  apigateway: 'API Gateway',
  ec2: 'EC2',
  acm: 'ACM',
  ecr: 'ECR',
  route53: 'Route 53',
};

interface UnknownService {
  /** The service as users know it: `DynamoDB`, `S3`. */
  name: string;
  /** Its signing name, where the request was signed. */
  signingName?: string;
}

/** The service of a request's SigV4 credential (`Credential=key/date/region/service/aws4_request`, in the header or the query string). */
function signingNameOf(req: IncomingMessage): string | undefined {
  const authorization = req.headers.authorization;
  const credential = authorization ? /Credential=([^,\s]+)/.exec(authorization)?.[1] : /[?&]X-Amz-Credential=([^&]+)/i.exec(req.url!)?.[1];
  if (!credential) return undefined;
  let scope: string[];
  try {
    scope = decodeURIComponent(credential).split('/');
  } catch {
    return undefined;
  }
  return scope.length === 5 ? scope[3].toLowerCase() : undefined;
}

/**
 * The service a request is for when it is one Strongroom does not emulate; undefined when it is
 * for one of `ours` (signing names), or nothing says which service it is for.
 */
export function unknownServiceOf(req: IncomingMessage, ours: string[]): UnknownService | undefined {
  const target = req.headers['x-amz-target'];
  const dot = typeof target === 'string' ? target.lastIndexOf('.') : -1;
  const prefix = dot > 0 ? (target as string).slice(0, dot) : '';
  const signingName = signingNameOf(req);
  const known = TARGET_PREFIXES[prefix];
  if (known) return { name: known, signingName };
  if (signingName === undefined || ours.includes(signingName)) return undefined;
  return { name: SIGNING_NAMES[signingName] ?? signingName, signingName };
}

function message(service: UnknownService, request: string): string {
  return `Strongroom emulates Secrets Manager, KMS and STS (and CloudTrail LookupEvents); it does not emulate ${service.name} (${request}).`;
}

/** An AWS JSON request (a target): UnknownOperationException, as AWS answers an unknown target, with a message. Returns the status. */
export function sendUnknownTarget(res: ServerResponse, requestId: string, service: UnknownService, target: string | undefined): number {
  const request = target ? `target ${target}` : 'a request without X-Amz-Target';
  return sendError(res, requestId, new UnknownOperationException(400, message(service, request)), undefined);
}

/** A query-protocol request (SQS's and SNS's form posts): the `<ErrorResponse>` of an unknown Action. Returns the status. */
export function sendUnknownAction(res: ServerResponse, requestId: string, service: UnknownService, form: URLSearchParams): number {
  const action = form.get('Action') ?? '';
  const version = form.get('Version');
  const namespace = `http://${service.signingName ?? 'aws'}.amazonaws.com/doc/${version ?? ''}`;
  sendXml(res, 400, requestId, xmlError({ status: 400, code: 'InvalidAction', message: message(service, `action ${action}`) }, namespace, requestId));
  return 400;
}

/**
 * A REST request (a method on a resource path): S3's XML `<Error>` with its NotImplemented code
 * and status (what S3 answers for functionality it does not have), or, for the REST-JSON
 * services, UnknownOperationException. Returns the status.
 */
export function sendUnknownResource(req: IncomingMessage, res: ServerResponse, requestId: string, service: UnknownService): number {
  const path = req.url!.split('?')[0];
  const text = message(service, `${req.method} ${path}`);
  if (service.signingName !== 's3') return sendError(res, requestId, new UnknownOperationException(400, text), undefined);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code><Message>${escapeXml(text)}</Message><RequestId>${requestId}</RequestId></Error>`;
  res.writeHead(501, ['Content-Type', 'application/xml', 'Content-Length', String(Buffer.byteLength(xml)), 'x-amz-request-id', requestId]);
  res.end(xml);
  return 501;
}
