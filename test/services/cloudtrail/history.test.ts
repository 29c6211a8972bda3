// LookupEvents over the events Strongroom records, through the official SDK client: after KMS
// and Secrets Manager calls (a failure, and Secrets Manager's own calls to KMS among them), each
// lookup attribute finds exactly its events, newest first; pages; time ranges; per account and
// region; no secret value in what it lists.
//
// Needs the record step wired (the dispatcher's `audit`, src/index.ts): until then every lookup
// here finds nothing and these tests fail.
import { CreateKeyCommand, DescribeKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { LookupEventsCommand, type Event, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { advanceClock, awsError, useServer } from '../../helpers/server';
import { cloudTrail } from './client';

const server = useServer({ clock: 'reset' });
/** A 12-digit access key is that account (and its root) in open mode. */
const KMS_ACCOUNT = '222233334444';
const SM_ACCOUNT = '333344445555';
const SECRET_VALUE = 'history-test-s3cr3t-value';

const lookup = (account: string, input: LookupEventsCommandInput, region?: string) => cloudTrail(server, { accessKeyId: account, region }).send(new LookupEventsCommand(input));
const by = (key: NonNullable<LookupEventsCommandInput['LookupAttributes']>[number]['AttributeKey'], value: string): LookupEventsCommandInput => ({
  LookupAttributes: [{ AttributeKey: key, AttributeValue: value }],
});
const names = (events: Event[] | undefined) => events!.map((e) => e.EventName);
const record = (e: Event) => JSON.parse(e.CloudTrailEvent!);

let keyArn: string;

beforeAll(async () => {
  const kms = server.kms({ accessKeyId: KMS_ACCOUNT });
  keyArn = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  await kms.send(new EncryptCommand({ KeyId: keyArn, Plaintext: Buffer.from('hello') }));
  await awsError(() => kms.send(new EncryptCommand({ KeyId: 'alias/missing', Plaintext: Buffer.from('hello') })));
  await kms.send(new DescribeKeyCommand({ KeyId: keyArn }));

  const sm = server.sm({ accessKeyId: SM_ACCOUNT });
  await sm.send(new CreateSecretCommand({ Name: 'app/db', SecretString: SECRET_VALUE }));
  await sm.send(new GetSecretValueCommand({ SecretId: 'app/db' }));
});

describe('each lookup attribute', () => {
  it('EventSource: the KMS calls, newest first, the failed one with its error', async () => {
    const { Events } = await lookup(KMS_ACCOUNT, by('EventSource', 'kms.amazonaws.com'));
    expect(names(Events)).toEqual(['DescribeKey', 'Encrypt', 'Encrypt', 'CreateKey']);
    expect(record(Events![1])).toMatchObject({ eventName: 'Encrypt', errorCode: 'NotFoundException' });
    for (const e of Events!) expect(e).toMatchObject({ EventSource: 'kms.amazonaws.com', Username: 'root', AccessKeyId: KMS_ACCOUNT });
    const times = Events!.map((e) => e.EventTime!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('EventName, EventId and ReadOnly', async () => {
    expect(names((await lookup(KMS_ACCOUNT, by('EventName', 'Encrypt'))).Events)).toEqual(['Encrypt', 'Encrypt']);
    const [describe] = (await lookup(KMS_ACCOUNT, by('EventName', 'DescribeKey'))).Events!;
    expect(describe).toMatchObject({ ReadOnly: 'true', Resources: [{ ResourceType: 'AWS::KMS::Key', ResourceName: keyArn }] });
    expect(record(describe)).toMatchObject({ eventID: describe.EventId, eventName: 'DescribeKey', awsRegion: 'us-east-1', recipientAccountId: KMS_ACCOUNT });
    const found = (await lookup(KMS_ACCOUNT, by('EventId', describe.EventId!))).Events!;
    expect(found).toEqual([describe]);
    const writes = names((await lookup(KMS_ACCOUNT, by('ReadOnly', 'false'))).Events);
    expect(writes).toContain('CreateKey');
    expect(writes).not.toContain('DescribeKey');
  });

  it('ResourceName and ResourceType: the calls on the key (not the one that named a missing alias)', async () => {
    expect(names((await lookup(KMS_ACCOUNT, by('ResourceName', keyArn))).Events)).toEqual(['DescribeKey', 'Encrypt', 'CreateKey']);
    expect(names((await lookup(KMS_ACCOUNT, by('ResourceType', 'AWS::KMS::Key'))).Events)).toEqual(['DescribeKey', 'Encrypt', 'CreateKey']);
  });

  it('Username and AccessKeyId: the caller (root of the access key account in open mode)', async () => {
    for (const input of [by('Username', 'root'), by('AccessKeyId', KMS_ACCOUNT)]) {
      expect(names((await lookup(KMS_ACCOUNT, input)).Events)).toEqual(expect.arrayContaining(['DescribeKey', 'Encrypt', 'Encrypt', 'CreateKey']));
    }
    expect((await lookup(KMS_ACCOUNT, by('Username', 'alice'))).Events).toEqual([]);
  });
});

describe('Secrets Manager', () => {
  it('lists its calls, GetSecretValue without its value', async () => {
    const { Events } = await lookup(SM_ACCOUNT, by('EventSource', 'secretsmanager.amazonaws.com'));
    expect(names(Events)).toEqual(['GetSecretValue', 'CreateSecret']);
    expect(Events![0].ReadOnly).toBe('true');
    expect(Events![1].ReadOnly).toBe('false');
    expect(record(Events![0]).responseElements).toBeNull();
  });

  it('lists its calls to KMS as KMS events invoked by secretsmanager.amazonaws.com', async () => {
    const { Events } = await lookup(SM_ACCOUNT, by('EventSource', 'kms.amazonaws.com'));
    expect(Events!.length).toBeGreaterThan(0);
    for (const e of Events!) expect(record(e).userIdentity.invokedBy).toBe('secretsmanager.amazonaws.com');
  });

  it('never shows the secret value', async () => {
    let token: string | undefined;
    do {
      const page = await lookup(SM_ACCOUNT, { NextToken: token });
      expect(JSON.stringify(page.Events)).not.toContain(SECRET_VALUE);
      token = page.NextToken;
    } while (token);
  });
});

describe('pages, places and times', () => {
  it('pages with MaxResults and NextToken, and refuses a token of another query', async () => {
    const query = by('EventSource', 'kms.amazonaws.com');
    const first = await lookup(KMS_ACCOUNT, { ...query, MaxResults: 3 });
    expect(names(first.Events)).toEqual(['DescribeKey', 'Encrypt', 'Encrypt']);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await lookup(KMS_ACCOUNT, { ...query, MaxResults: 3, NextToken: first.NextToken });
    expect(names(second.Events)).toEqual(['CreateKey']);
    expect(second.NextToken).toBeUndefined();
    expect(await awsError(() => lookup(KMS_ACCOUNT, { ...by('EventName', 'Encrypt'), NextToken: first.NextToken }))).toEqual({
      name: 'InvalidNextTokenException',
      message: 'Invalid NextToken.',
      status: 400,
    });
  });

  it("finds only the caller's account and region", async () => {
    expect((await lookup(KMS_ACCOUNT, by('EventSource', 'kms.amazonaws.com'), 'eu-west-1')).Events).toEqual([]);
    expect((await lookup('444455556666', by('EventSource', 'kms.amazonaws.com'))).Events).toEqual([]);
  });

  it('bounds the events by StartTime and EndTime on the emulated clock', async () => {
    const before = server.strongroom.clock.now();
    await advanceClock(server, 3600);
    const later = server.strongroom.clock.now();
    await server.kms({ accessKeyId: KMS_ACCOUNT }).send(new DescribeKeyCommand({ KeyId: keyArn }));
    const query = by('EventName', 'DescribeKey');
    expect(names((await lookup(KMS_ACCOUNT, { ...query, StartTime: later })).Events)).toEqual(['DescribeKey']);
    expect(names((await lookup(KMS_ACCOUNT, { ...query, EndTime: before })).Events)).toEqual(['DescribeKey']);
    expect(names((await lookup(KMS_ACCOUNT, query)).Events)).toEqual(['DescribeKey', 'DescribeKey']);
  });
});
