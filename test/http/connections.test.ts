// Idle and slow sockets cannot lock other clients out: headers and whole requests have time
// limits, idle keep-alive connections close, and the number of connections is capped.
import { connect, type Socket } from 'node:net';
import { useServer } from '../helpers/server';

// Timeouts long enough that the four slow sockets are still open when the fifth connects on a
// loaded machine, short enough for a test.
const server = useServer({ options: { httpLimits: { headersTimeoutMs: 1500, requestTimeoutMs: 2000, keepAliveTimeoutMs: 300, maxConnections: 4 } } });

/** A connection that has sent `bytes`, with what the server wrote to it and a promise of its close. */
function openSocket(bytes: string): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve) => {
    let received = '';
    const socket = connect(Number(port), hostname, () => {
      if (bytes) socket.write(bytes);
      resolve({ socket, received: () => received, closed });
    });
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
  });
}

const health = () => fetch(`${server.url}/_strongroom/health`, { headers: { connection: 'close' } });

it('closes slow and silent connections with 408, and serves again once they are gone', async () => {
  const slow = await Promise.all([
    openSocket(''),
    openSocket('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
    openSocket('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n{"a":'),
    openSocket('GET /_strongroom/health HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
  ]);
  // Four connections are the cap: a fifth is closed at once.
  await expect(health()).rejects.toThrow();
  await Promise.all(slow.map((s) => s.closed));
  for (const s of slow) expect(s.received()).toMatch(/^HTTP\/1\.1 408 /);
  expect((await health()).status).toBe(200);
});

it('closes an idle keep-alive connection, announcing its timeout', async () => {
  const client = await openSocket('GET /_strongroom/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  await client.closed;
  expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
  expect(client.received()).toMatch(/\r\nKeep-Alive: timeout=\d+\r\n/i);
});
