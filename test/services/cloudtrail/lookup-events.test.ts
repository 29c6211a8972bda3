// LookupEvents against a fake trail: the query it passes on (the caller's account and region,
// the one attribute, times, page size and token), and each trail event as the API lists it
// (Username per identity type, ReadOnly as a string, Resources, the record as CloudTrailEvent).
import { BadTrailToken } from '../../../src/audit/trail';
import type { TrailEvent, TrailPage, TrailQuery, UserIdentity } from '../../../src/audit/types';
import type { LookupEventsRequest } from '../../../src/protocol/generated/cloudtrail';
import type { CloudTrailContext } from '../../../src/services/cloudtrail/context';
import { LookupEvents } from '../../../src/services/cloudtrail/operations/LookupEvents';
import { trailEvent } from '../../audit/trail-events';
import { ACCOUNT, REGION } from '../../helpers/server';

const AT = new Date('2026-11-30T12:00:05Z');
const event = (identity: UserIdentity, overrides: Partial<TrailEvent> = {}) => trailEvent({ userIdentity: identity, at: AT, ...overrides });
const ROOT: UserIdentity = { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: ACCOUNT };
const USER: UserIdentity = { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${ACCOUNT}:user/ops/alice`, accountId: ACCOUNT, accessKeyId: 'AKIAEXAMPLE', userName: 'alice' };
const ROLE_SESSION: UserIdentity = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLE:deploy-42',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/deploy-42`,
  accountId: ACCOUNT,
  accessKeyId: 'ASIAEXAMPLE',
  sessionContext: {
    sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLE', arn: `arn:aws:iam::${ACCOUNT}:role/deployer`, accountId: ACCOUNT, userName: 'deployer' },
    attributes: { creationDate: '2026-11-30T11:00:00Z', mfaAuthenticated: 'false' },
  },
};
const SERVICE: UserIdentity = { type: 'AWSService', invokedBy: 'kms.amazonaws.com' };
const KEY_ARN = event(ROOT).resources![0].ARN;

/** A trail that answers `page` and keeps the queries it was asked. */
function fakeTrail(page: TrailPage | (() => never) = { events: [] }) {
  const queries: TrailQuery[] = [];
  const trail = {
    async lookup(query: TrailQuery): Promise<TrailPage> {
      queries.push(query);
      return typeof page === 'function' ? page() : page;
    },
  };
  return { trail, queries };
}

function call(trail: CloudTrailContext['trail'], input: LookupEventsRequest) {
  const ctx = { accountId: ACCOUNT, region: REGION, trail } as CloudTrailContext;
  return LookupEvents(ctx, input);
}

describe('the query LookupEvents asks of the trail', () => {
  it('is the caller account and region, 50 events, no filter by default', async () => {
    const { trail, queries } = fakeTrail();
    await expect(call(trail, {})).resolves.toEqual({ Events: [] });
    expect(queries).toEqual([{ accountId: ACCOUNT, region: REGION, attribute: undefined, startTime: undefined, endTime: undefined, maxResults: 50, nextToken: undefined }]);
  });

  it('passes the attribute, times, MaxResults and NextToken on, and the page token back', async () => {
    const { trail, queries } = fakeTrail({ events: [], nextToken: 'page-2' });
    const startTime = new Date('2026-11-01T00:00:00Z');
    const endTime = new Date('2026-11-30T00:00:00Z');
    const out = await call(trail, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: KEY_ARN }], StartTime: startTime, EndTime: endTime, MaxResults: 7, NextToken: 'page-1' });
    expect(out).toEqual({ Events: [], NextToken: 'page-2' });
    expect(queries).toEqual([{ accountId: ACCOUNT, region: REGION, attribute: { key: 'ResourceName', value: KEY_ARN }, startTime, endTime, maxResults: 7, nextToken: 'page-1' }]);
  });

  it('takes a start time equal to the end time (both bounds are inclusive)', async () => {
    const { trail, queries } = fakeTrail();
    const at = new Date('2026-11-30T12:00:00Z');
    await call(trail, { StartTime: at, EndTime: at });
    expect(queries).toHaveLength(1);
  });

  it('asks nothing for Insights events: none are recorded', async () => {
    const { trail, queries } = fakeTrail();
    await expect(call(trail, { EventCategory: 'insight' })).resolves.toEqual({ Events: [] });
    expect(queries).toEqual([]);
  });
});

describe("LookupEvents' own checks", () => {
  const cases: [string, LookupEventsRequest, string, string][] = [
    [
      'two lookup attributes',
      { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'Encrypt' }, { AttributeKey: 'Username', AttributeValue: 'root' }] },
      'InvalidLookupAttributesException',
      'You cannot specify more than one lookup attribute.',
    ],
    ['an empty attribute value', { LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: '' }] }, 'InvalidLookupAttributesException', 'The value of lookup attribute Username must be between 1 and 2000 characters.'],
    ['an attribute value over 2000 characters', { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'x'.repeat(2001) }] }, 'InvalidLookupAttributesException', 'The value of lookup attribute EventName must be between 1 and 2000 characters.'],
    ['MaxResults 0', { MaxResults: 0 }, 'InvalidMaxResultsException', 'MaxResults must be between 1 and 50.'],
    ['MaxResults 51', { MaxResults: 51 }, 'InvalidMaxResultsException', 'MaxResults must be between 1 and 50.'],
    ['a start time after the end time', { StartTime: new Date('2026-11-30T12:00:01Z'), EndTime: new Date('2026-11-30T12:00:00Z') }, 'InvalidTimeRangeException', 'Start time must not be after end time.'],
  ];

  it.each(cases)('%s', async (_what, input, name, message) => {
    const { trail, queries } = fakeTrail();
    await expect(call(trail, input)).rejects.toMatchObject({ name, message });
    expect(queries).toEqual([]);
  });

  it('answers InvalidNextTokenException for a token the trail refuses', async () => {
    const { trail } = fakeTrail(() => {
      throw new BadTrailToken();
    });
    await expect(call(trail, { NextToken: 'not-ours' })).rejects.toMatchObject({ name: 'InvalidNextTokenException', message: 'Invalid NextToken.' });
  });

  it('lets any other failure of the trail through (an internal error, not a client one)', async () => {
    const failure = new Error('store closed');
    const { trail } = fakeTrail(() => {
      throw failure;
    });
    await expect(call(trail, {})).rejects.toBe(failure);
  });
});

describe('a trail event as LookupEvents lists it', () => {
  async function listed(e: TrailEvent) {
    const { trail } = fakeTrail({ events: [e] });
    const { Events } = await call(trail, {});
    return Events![0];
  }

  it('has the lookup fields and the whole record as CloudTrailEvent', async () => {
    const e = event(USER);
    expect(await listed(e)).toEqual({
      EventId: e.eventID,
      EventName: 'Encrypt',
      ReadOnly: 'true',
      AccessKeyId: 'AKIAEXAMPLE',
      EventTime: AT,
      EventSource: 'kms.amazonaws.com',
      Username: 'alice',
      Resources: [{ ResourceType: 'AWS::KMS::Key', ResourceName: KEY_ARN }],
      CloudTrailEvent: JSON.stringify(e),
    });
    expect(JSON.parse((await listed(e)).CloudTrailEvent!)).toEqual(e);
  });

  it.each([
    ['the root user', ROOT, 'root'],
    ['an IAM user', USER, 'alice'],
    ['a role session: the session name', ROLE_SESSION, 'deploy-42'],
    ['a service', SERVICE, undefined],
  ])('names %s in Username', async (_who, identity, username) => {
    expect((await listed(event(identity))).Username).toBe(username);
  });

  it('says "false" for a write, lists no resources as [], and omits an absent access key', async () => {
    const out = await listed(event(SERVICE, { eventName: 'RotateKey', readOnly: false, resources: undefined, eventType: 'AwsServiceEvent' }));
    expect(out.ReadOnly).toBe('false');
    expect(out.Resources).toEqual([]);
    expect(out.AccessKeyId).toBeUndefined();
  });

  it('keeps the order the trail gives (newest first)', async () => {
    const newer = event(ROOT, { eventID: 'e2', eventTime: '2026-11-30T12:00:09Z' });
    const older = event(ROOT, { eventID: 'e1' });
    const { trail } = fakeTrail({ events: [newer, older] });
    const { Events } = await call(trail, {});
    expect(Events!.map((x) => x.EventId)).toEqual(['e2', 'e1']);
  });
});
