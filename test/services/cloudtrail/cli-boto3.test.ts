// LookupEvents through the AWS CLI and boto3 (botocore's JSON 1.1 client, its long target
// prefix), as child processes pointed at the server by AWS_ENDPOINT_URL alone, as the issue asks.
// Skipped, with the reason printed, where a tool is missing (failed instead under CI=true).
//
// The tests that find a recorded event need the record step wired (the dispatcher's `audit`,
// src/index.ts); the error cases pass without it.
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { awsToolEnv, runTool } from '../../helpers/aws-tools';
import { REGION, useServer } from '../../helpers/server';
import { requireTool } from '../../helpers/tools';

const server = useServer();
const ACCOUNT = '555566667777';
const env = () => ({ ...awsToolEnv({ accessKeyId: ACCOUNT, secretAccessKey: 'test' }), AWS_ENDPOINT_URL: server.url });
const aws = (args: string[]) => runTool('aws', ['--output', 'json', 'cloudtrail', 'lookup-events', ...args], env());
const python = (script: string) => runTool('python3', ['-c', script], env());

beforeAll(() => server.sm({ accessKeyId: ACCOUNT }).send(new CreateSecretCommand({ Name: 'tools/db', SecretString: 'tools-s3cr3t' })));

requireTool('aws')('aws cloudtrail lookup-events by EventName (needs the record step wired)', async () => {
  const res = await aws(['--lookup-attributes', 'AttributeKey=EventName,AttributeValue=CreateSecret']);
  expect(res.stderr).toBe('');
  const { Events } = JSON.parse(res.stdout);
  expect(Events).toHaveLength(1);
  expect(Events[0]).toMatchObject({ EventName: 'CreateSecret', EventSource: 'secretsmanager.amazonaws.com', ReadOnly: 'false', Username: 'root', AccessKeyId: ACCOUNT });
  expect(JSON.parse(Events[0].CloudTrailEvent)).toMatchObject({ eventName: 'CreateSecret', recipientAccountId: ACCOUNT, awsRegion: REGION });
});

requireTool('aws')('aws cloudtrail lookup-events: MaxResults over 50', async () => {
  const res = await aws(['--max-results', '51']);
  expect(res.status).not.toBe(0);
  expect(res.stderr).toContain('An error occurred (InvalidMaxResultsException) when calling the LookupEvents operation: MaxResults must be between 1 and 50.');
});

requireTool('boto3')('boto3: the paginator (needs the record step wired), and two lookup attributes', async () => {
  const script = `
import json, boto3, botocore.exceptions
ct = boto3.client('cloudtrail', region_name='${REGION}')
pages = ct.get_paginator('lookup_events').paginate(LookupAttributes=[{'AttributeKey': 'EventSource', 'AttributeValue': 'secretsmanager.amazonaws.com'}], PaginationConfig={'PageSize': 1})
events = [e for page in pages for e in page['Events']]
try:
    ct.lookup_events(LookupAttributes=[{'AttributeKey': 'EventName', 'AttributeValue': 'CreateSecret'}, {'AttributeKey': 'ReadOnly', 'AttributeValue': 'false'}])
    error = None
except botocore.exceptions.ClientError as e:
    error = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps({'names': [e['EventName'] for e in events], 'tz': events[0]['EventTime'].tzname() if events else None, 'error': error}))
`;
  const res = await python(script);
  expect(res.stderr).toBe('');
  const out = JSON.parse(res.stdout);
  expect(out.error).toEqual(['InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute.', 400]);
  expect(out.names).toEqual(['CreateSecret']);
  expect(out.tz).toBe('UTC');
});
