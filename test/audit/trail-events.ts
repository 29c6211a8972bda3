// Hand-made CloudTrail events for the trail's own tests (the pipeline's real events are
// events.test.ts's): a KMS Encrypt by IAM user alice, changed by `overrides`.
import { randomUUID } from 'node:crypto';
import type { TrailEvent } from '../../src/audit/types';
import { ACCOUNT, REGION } from '../helpers/server';

/** An ISO time to the second, as CloudTrail writes eventTime. */
export const toSecond = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function trailEvent(overrides: Partial<TrailEvent> & { at?: Date } = {}): TrailEvent {
  const { at = new Date(), ...rest } = overrides;
  return {
    eventVersion: '1.11',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAALICE', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, accessKeyId: 'AKIAALICE', userName: 'alice' },
    eventTime: toSecond(at),
    eventSource: 'kms.amazonaws.com',
    eventName: 'Encrypt',
    awsRegion: REGION,
    sourceIPAddress: '127.0.0.1',
    userAgent: 'jest',
    requestParameters: { keyId: 'alias/app' },
    responseElements: null,
    requestID: randomUUID(),
    eventID: randomUUID(),
    readOnly: true,
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...rest,
  };
}
