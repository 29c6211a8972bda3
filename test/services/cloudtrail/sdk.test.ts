// The CloudTrail API on the same endpoint through the official SDK v3 client (AWS JSON 1.1,
// target prefix com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101): LookupEvents' own
// validation errors and the model's, the operations Strongroom does not emulate (501), and
// cloudtrail:LookupEvents under enforced access control. None of this needs recorded events.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTrailCommand, LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { awsError, startServer, useServer, type TestServer } from '../../helpers/server';
import { cloudTrail } from './client';

describe('LookupEvents validation', () => {
  const server = useServer();
  const lookup = (input: LookupEventsCommandInput) => cloudTrail(server).send(new LookupEventsCommand(input));

  it('answers an empty history with no events and no token', async () => {
    const out = await cloudTrail(server, { accessKeyId: '444455556666' }).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateTrail' }] }));
    expect(out.Events).toEqual([]);
    expect(out.NextToken).toBeUndefined();
  });

  it.each<[string, LookupEventsCommandInput, string, string]>([
    [
      'two lookup attributes',
      { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'Encrypt' }, { AttributeKey: 'ReadOnly', AttributeValue: 'true' }] },
      'InvalidLookupAttributesException',
      'You cannot specify more than one lookup attribute.',
    ],
    ['an empty attribute value', { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: '' }] }, 'InvalidLookupAttributesException', 'The value of lookup attribute ResourceName must be between 1 and 2000 characters.'],
    ['MaxResults 0', { MaxResults: 0 }, 'InvalidMaxResultsException', 'MaxResults must be between 1 and 50.'],
    ['MaxResults 51', { MaxResults: 51 }, 'InvalidMaxResultsException', 'MaxResults must be between 1 and 50.'],
    ['a start time after the end time', { StartTime: new Date('2026-11-30T12:00:00Z'), EndTime: new Date('2026-11-29T12:00:00Z') }, 'InvalidTimeRangeException', 'Start time must not be after end time.'],
    ['a NextToken it did not hand out', { NextToken: 'bm90LWEtdG9rZW4' }, 'InvalidNextTokenException', 'Invalid NextToken.'],
  ])('%s', async (_what, input, name, message) => {
    expect(await awsError(() => lookup(input))).toEqual({ name, message, status: 400 });
  });

  it("checks the attribute key and the event category against the model's enums (ValidationException)", async () => {
    expect(await awsError(() => lookup({ LookupAttributes: [{ AttributeKey: 'UserName' as never, AttributeValue: 'alice' }] }))).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'UserName' at 'lookupAttributes.1.member.attributeKey' failed to satisfy constraint: Member must satisfy enum value set: [EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId]",
      status: 400,
    });
    expect(await awsError(() => lookup({ EventCategory: 'management' as never }))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value 'management' at 'eventCategory' failed to satisfy constraint: Member must satisfy enum value set: [insight]",
      status: 400,
    });
  });

  it('finds no Insights events', async () => {
    expect((await lookup({ EventCategory: 'insight' })).Events).toEqual([]);
  });

  it('answers 501 for the operations Strongroom does not emulate', async () => {
    expect(await awsError(() => cloudTrail(server).send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'logs' })))).toEqual({
      name: 'NotImplementedException',
      message: 'Strongroom does not implement CreateTrail yet.',
      status: 501,
    });
  });
});

describe('cloudtrail:LookupEvents under enforce', () => {
  const ACCOUNT = '111111111111';
  const AUDITOR = { accessKeyId: 'AKIAAUDITORAAAAAAAAA', secretAccessKey: 'auditor-secret' };
  const DEV = { accessKeyId: 'AKIADEVAAAAAAAAAAAAA', secretAccessKey: 'dev-secret' };
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'strongroom-cloudtrail-'));
    const seed = {
      iam: {
        accounts: [{ id: ACCOUNT }],
        users: [
          {
            name: 'auditor',
            account: ACCOUNT,
            accessKeys: [AUDITOR],
            policies: [{ name: 'trail', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cloudtrail:LookupEvents', Resource: '*' }] } }],
          },
          { name: 'dev', account: ACCOUNT, accessKeys: [DEV] },
        ],
      },
    };
    writeFileSync(join(dir, 'seed.json'), JSON.stringify(seed));
    server = await startServer({ auth: 'enforce', seeds: [join(dir, 'seed.json')], accountId: ACCOUNT });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('allows a user whose policy allows it, and denies one without, with no resource in the message', async () => {
    await expect(cloudTrail(server, AUDITOR).send(new LookupEventsCommand({}))).resolves.toMatchObject({ Events: expect.any(Array) });
    expect(await awsError(() => cloudTrail(server, DEV).send(new LookupEventsCommand({})))).toEqual({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action`,
      status: 400,
    });
  });
});
