// A CloudTrail SDK client on a test server (maxAttempts 1: a retry must never hide an error),
// destroyed after the file's tests.
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { REGION, TEST_CREDENTIALS } from '../../helpers/server';

const clients: CloudTrailClient[] = [];
afterAll(() => clients.forEach((client) => client.destroy()));

export function cloudTrail(server: { url: string }, options: { accessKeyId?: string; secretAccessKey?: string; region?: string } = {}): CloudTrailClient {
  const client = new CloudTrailClient({
    endpoint: server.url,
    region: options.region ?? REGION,
    credentials: { ...TEST_CREDENTIALS, ...options },
    maxAttempts: 1,
  });
  clients.push(client);
  return client;
}
