// Requests for services Strongroom does not emulate, as an application moved from LocalStack
// sends them: each answered in that service's error format (AWS JSON, the query protocol's XML,
// S3's XML) with a message naming the service; requests for Strongroom's own services keep
// AWS's bare UnknownOperationException.
import { authHeader, useServer } from '../helpers/server';
import { awsHeaders, send, type Reply } from '../http/raw';
import { awsToolEnv, runTool } from '../helpers/aws-tools';
import { requireTool } from '../helpers/tools';

const server = useServer();

const EMULATES = 'Strongroom emulates Secrets Manager, KMS and STS (and CloudTrail LookupEvents)';

/** Headers of a request signed for `service`, as its SDK sends them. */
const signed = (service: string, headers: Record<string, string> = {}) => ({ authorization: authHeader(undefined, undefined, service), 'x-amz-date': '20260101T000000Z', ...headers });

function expectJsonError(res: Reply, message: string): void {
  expect(res.status).toBe(400);
  expect(res.json).toEqual({ __type: 'UnknownOperationException', message });
  expect(res.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
}

describe('AWS JSON services', () => {
  it.each([
    ['DynamoDB', 'dynamodb', 'DynamoDB_20120810.ListTables'],
    ['SQS', 'sqs', 'AmazonSQS.ListQueues'],
    ['Systems Manager (SSM)', 'ssm', 'AmazonSSM.GetParameter'],
  ])('names %s from the target, in AWS JSON 1.0 as in 1.1', async (name, service, target) => {
    for (const contentType of ['application/x-amz-json-1.0', 'application/x-amz-json-1.1']) {
      const res = await send(server.url, { headers: signed(service, { 'content-type': contentType, 'x-amz-target': target }), body: '{}' });
      expectJsonError(res, `${EMULATES}; it does not emulate ${name} (target ${target}).`);
    }
  });

  it('names the service from the credential scope when the target prefix is not one it knows', async () => {
    const res = await send(server.url, { headers: signed('bedrock', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Bedrock.Invoke' }), body: '{}' });
    expectJsonError(res, `${EMULATES}; it does not emulate bedrock (target Bedrock.Invoke).`);
  });

  it("keeps AWS's bare answer for an unknown operation of Strongroom's own services", async () => {
    for (const target of ['TrentService.NoSuchOp', 'secretsmanager.NoSuchOp', 'Nope_20170101.GenerateRandom']) {
      const res = await send(server.url, { headers: awsHeaders(target), body: '{}' });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ __type: 'UnknownOperationException' });
    }
  });
});

describe('query-protocol services', () => {
  it("answers SQS's Action=ListQueues with the XML ErrorResponse of an unknown action", async () => {
    const res = await send(server.url, {
      headers: signed('sqs', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }),
      body: 'Action=ListQueues&Version=2012-11-05',
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('text/xml');
    expect(res.text).toMatch(
      new RegExp(
        `^<ErrorResponse xmlns="http://sqs\\.amazonaws\\.com/doc/2012-11-05"><Error><Type>Sender</Type><Code>InvalidAction</Code>` +
          `<Message>${EMULATES.replace(/[()]/g, '\\$&')}; it does not emulate SQS \\(action ListQueues\\)\\.</Message></Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>$`,
      ),
    );
  });

  it('still serves STS, signed for sts or not signed at all', async () => {
    for (const headers of [signed('sts', { 'content-type': 'application/x-www-form-urlencoded' }), { 'content-type': 'application/x-www-form-urlencoded' }]) {
      const res = await send(server.url, { headers, body: 'Action=NoSuchAction&Version=2011-06-15' });
      expect(res.text).toContain('<Code>InvalidAction</Code><Message>Could not find operation NoSuchAction for version 2011-06-15</Message>');
    }
  });
});

describe('REST services', () => {
  it("answers S3 with S3's XML error, NotImplemented", async () => {
    const res = await send(server.url, { method: 'GET', path: '/my-bucket?list-type=2', headers: signed('s3') });
    expect(res.status).toBe(501);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(res.text).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<Error><Code>NotImplemented</Code><Message>${EMULATES.replace(/[()]/g, '\\$&')}; it does not emulate S3 \\(GET /my-bucket\\)\\.</Message><RequestId>[0-9a-f-]{36}</RequestId></Error>$`,
      ),
    );
  });

  it('answers a PUT with a JSON body before reading it, and a HEAD with the status alone', async () => {
    const put = await send(server.url, { method: 'PUT', path: '/my-bucket/data.json', headers: signed('s3', { 'content-type': 'application/json' }), body: Buffer.alloc(200_000, 'a') });
    expect(put.status).toBe(501);
    expect(put.text).toContain('(PUT /my-bucket/data.json)');
    const head = await send(server.url, { method: 'HEAD', path: '/my-bucket', headers: signed('s3') });
    expect(head.status).toBe(501);
    expect(head.text).toBe('');
  });

  it('answers the REST-JSON services (Lambda) with UnknownOperationException, and presigned URLs too', async () => {
    const res = await send(server.url, { method: 'GET', path: '/2015-03-31/functions', headers: signed('lambda') });
    expectJsonError(res, `${EMULATES}; it does not emulate Lambda (GET /2015-03-31/functions).`);
    const credential = encodeURIComponent('AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request');
    const presigned = await send(server.url, { method: 'GET', path: `/my-bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}`, headers: {} });
    expect(presigned.status).toBe(501);
    expect(presigned.text).toContain('it does not emulate S3 (GET /my-bucket/key)');
  });

  it('leaves unsigned requests and Strongroom routes to the JSON 404', async () => {
    const res = await send(server.url, { method: 'GET', path: '/my-bucket' });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: expect.stringContaining('No route for GET /my-bucket') });
  });
});

describe('as the AWS CLI shows them', () => {
  const withAws = requireTool('aws');
  const env = () => ({ ...awsToolEnv({ accessKeyId: 'test', secretAccessKey: 'test' }), AWS_ENDPOINT_URL: server.url });

  withAws('names the service in the error the CLI prints', async () => {
    const dynamo = await runTool('aws', ['dynamodb', 'list-tables'], env());
    expect(dynamo.status).not.toBe(0);
    expect(dynamo.stderr).toContain(`(UnknownOperationException) when calling the ListTables operation: ${EMULATES}; it does not emulate DynamoDB (target DynamoDB_20120810.ListTables).`);
    const s3 = await runTool('aws', ['s3api', 'list-objects-v2', '--bucket', 'my-bucket'], env());
    expect(s3.stderr).toContain(`(NotImplemented) when calling the ListObjectsV2 operation: ${EMULATES}; it does not emulate S3 (GET /my-bucket).`);
    // The CLI v1's SQS commands ignore AWS_ENDPOINT_URL.
    const sqs = await runTool('aws', ['sqs', 'list-queues', '--endpoint-url', server.url], env());
    expect(sqs.stderr).toMatch(/when calling the ListQueues operation: .*it does not emulate SQS/);
  });
});
