// The outbox (src/http/respond.ts): the answers made in one turn of the event loop are written
// together at its end. Each must still reach its own client, in order on a connection, and a
// client that hangs up before its answer is written must cost nobody else theirs.
import { connect } from 'node:net';
import { CreateSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { awsHeaders, send } from './raw';
import { useServer } from '../helpers/server';

const server = useServer();

/** A whole HTTP/1.1 request for GetSecretValue, as bytes for a socket. */
function getSecretValueRequest(secretId: string, host: string): string {
  const body = JSON.stringify({ SecretId: secretId });
  const headers = { ...awsHeaders('secretsmanager.GetSecretValue'), host, 'content-length': String(Buffer.byteLength(body)) };
  return `POST / HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n${body}`;
}

describe('answers written together', () => {
  const names = Array.from({ length: 60 }, (_, i) => `outbox/secret-${i}`);

  beforeAll(async () => {
    for (const name of names) await server.sm().send(new CreateSecretCommand({ Name: name, SecretString: `value of ${name}` }));
  });

  it('gives each of many concurrent callers its own answer', async () => {
    const sm = server.sm();
    const values = await Promise.all(names.map((name) => sm.send(new GetSecretValueCommand({ SecretId: name }))));
    expect(values.map((v) => v.SecretString)).toEqual(names.map((name) => `value of ${name}`));
  });

  it("gives concurrent callers their own errors through the SDK, with AWS's name and message", async () => {
    const sm = server.sm();
    const settled = await Promise.allSettled(names.map((name, i) => sm.send(new GetSecretValueCommand({ SecretId: i % 2 ? name : `${name}-missing` }))));
    settled.forEach((outcome, i) => {
      if (i % 2) expect(outcome).toMatchObject({ status: 'fulfilled', value: { SecretString: `value of ${names[i]}` } });
      else expect(outcome).toMatchObject({ status: 'rejected', reason: { name: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." } });
    });
  });

  it('gives each concurrent caller its own request id, and errors their own status', async () => {
    const replies = await Promise.all(
      names.map((name, i) =>
        send(server.url, { headers: awsHeaders('secretsmanager.GetSecretValue'), body: JSON.stringify({ SecretId: i % 2 ? name : `${name}-missing` }) }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(names.map((_, i) => (i % 2 ? 200 : 400)));
    expect(replies.filter((r) => r.status === 400).map((r) => r.json?.__type)).toEqual(names.filter((_, i) => !(i % 2)).map(() => 'ResourceNotFoundException'));
    expect(new Set(replies.map((r) => r.headers['x-amzn-requestid'])).size).toBe(names.length);
  });

  it('answers pipelined requests on one connection in the order they came', async () => {
    const { hostname, port } = new URL(server.url);
    const picked = names.slice(0, 5);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
        if ((received.match(/HTTP\/1\.1 200/g) ?? []).length === picked.length && received.endsWith('}')) {
          socket.destroy();
          resolve(received);
        }
      });
      socket.on('error', reject);
      socket.write(picked.map((name) => getSecretValueRequest(name, `${hostname}:${port}`)).join(''));
    });
    const order = [...text.matchAll(/"SecretString":"value of (outbox\/secret-\d+)"/g)].map((m) => m[1]);
    expect(order).toEqual(picked);
  });

  it('drops the answer of a client that hung up, and keeps answering the others', async () => {
    const { hostname, port } = new URL(server.url);
    await Promise.all(
      names.slice(0, 20).map(
        (name) =>
          new Promise<void>((resolve) => {
            const socket = connect(Number(port), hostname, () => {
              socket.write(getSecretValueRequest(name, `${hostname}:${port}`));
              socket.destroy();
              resolve();
            });
            socket.on('error', () => resolve());
          }),
      ),
    );
    const { SecretString } = await server.sm().send(new GetSecretValueCommand({ SecretId: names[0] }));
    expect(SecretString).toBe(`value of ${names[0]}`);
  });
});
