// STS through the AWS CLI and boto3 (botocore's query protocol parser), as child processes
// against the in-process server: who the caller is, a role session and its identity, and an
// error as botocore reads it. Skipped, with the reason printed, where a tool is missing (failed
// instead under CI=true: see helpers/tools.ts).
import { awsToolEnv, runTool } from '../../helpers/aws-tools';
import { REGION, useServer } from '../../helpers/server';
import { requireTool } from '../../helpers/tools';

const server = useServer();
const ACCOUNT = '111122223333';
/** A 12-digit access key is that account in open mode. */
const ENV = awsToolEnv({ accessKeyId: ACCOUNT, secretAccessKey: 'test' });
const run = (command: string, args: string[]) => runTool(command, args, ENV);

const aws = (args: string[]) => run('aws', ['--endpoint-url', server.url, '--region', REGION, '--output', 'json', 'sts', ...args]);

requireTool('aws')('aws sts get-caller-identity, assume-role and a validation error', async () => {
  const me = await aws(['get-caller-identity']);
  expect(me.stderr).toBe('');
  expect(JSON.parse(me.stdout)).toEqual({ UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });

  const role = await aws(['assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/deploy`, '--role-session-name', 'cli@ci', '--duration-seconds', '900']);
  expect(role.stderr).toBe('');
  const out = JSON.parse(role.stdout);
  expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/);
  expect(out.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deploy/cli@ci`);

  const bad = await aws(['assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/deploy`, '--role-session-name', 'cli', '--duration-seconds', '3601']);
  expect(bad.status).not.toBe(0);
  expect(bad.stderr).toContain('An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
});

// The role session's identity needs part 3 (sessions in the identity step).
requireTool('boto3')('boto3: a role session, its identity, and MalformedPolicyDocument', async () => {
  const script = `
import json, sys, boto3, botocore.exceptions
sts = boto3.client('sts', endpoint_url=sys.argv[1], region_name='${REGION}')
out = sts.assume_role(RoleArn='arn:aws:iam::${ACCOUNT}:role/app', RoleSessionName='py', Tags=[{'Key': 'team', 'Value': 'blue'}])
c = out['Credentials']
session = boto3.client('sts', endpoint_url=sys.argv[1], region_name='${REGION}', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])
me = session.get_caller_identity()
try:
    sts.assume_role(RoleArn='arn:aws:iam::${ACCOUNT}:role/app', RoleSessionName='py', Policy='not json')
    error = None
except botocore.exceptions.ClientError as e:
    error = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps({'arn': me['Arn'], 'userId': me['UserId'], 'assumed': out['AssumedRoleUser'], 'expiration': c['Expiration'].tzname(), 'packed': out.get('PackedPolicySize'), 'error': error}))
`;
  const res = await run('python3', ['-c', script, server.url]);
  expect(res.stderr).toBe('');
  const out = JSON.parse(res.stdout);
  expect(out.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/app/py`);
  expect(out.userId).toBe(out.assumed.AssumedRoleId);
  expect(out.assumed.Arn).toBe(out.arn);
  expect(out.expiration).toBe('UTC');
  expect(out.packed).toBeGreaterThan(0);
  expect(out.error).toEqual(['MalformedPolicyDocument', 'The policy is not in the valid JSON format.', 400]);
});
