// Logging in to PostgreSQL with a secret's credentials, with the `pg` driver, as the templates do:
// a 5 s connect timeout; `ssl` true or "true" requires TLS with the server's certificate and host
// name verified, false or "false" connects in plain text, anything else tries TLS first and falls
// back to plain text. A login that fails is an answer (undefined), not an error: the caller tries
// other credentials.
import type { Client } from 'pg';
import type { Step } from '../contract';
import type { PostgresSecret } from './secret';

/** `pg` on first use: it costs a start some 20 ms, and only rotations of PostgreSQL secrets need it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = () => require('pg') as typeof import('pg');

const CONNECT_TIMEOUT_MS = 5000;
const DEFAULT_PORT = 5432;

function tlsAttempts(ssl: unknown): boolean[] {
  if (typeof ssl === 'boolean') return [ssl];
  if (typeof ssl === 'string' && /^(true|false)$/i.test(ssl)) return [ssl.toLowerCase() === 'true'];
  return [true, false];
}

export async function connect(secret: PostgresSecret, step: Step): Promise<Client | undefined> {
  for (const tls of tlsAttempts(secret.ssl)) {
    const client = new (pg().Client)({
      host: secret.host,
      port: Number(secret.port ?? DEFAULT_PORT),
      user: secret.username,
      password: secret.password,
      database: secret.dbname ?? 'postgres',
      ssl: tls ? { rejectUnauthorized: true } : false,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // A connection the server drops later emits 'error'; unheard, it would end this process.
    client.on('error', (err) => step.log(`connection to ${secret.host} lost: ${err.message}`));
    try {
      await client.connect();
      return client;
    } catch (err) {
      step.log(`could not log in as ${secret.username} to ${secret.host}${tls ? ' with TLS' : ''}: ${(err as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }
  return undefined;
}

/** Runs `work` on a logged-in client, and logs out. */
export async function withClient<T>(client: Client, work: (client: Client) => Promise<T>): Promise<T> {
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the credentials log in (the connection is closed again). */
export async function canLogIn(secret: PostgresSecret, step: Step): Promise<boolean> {
  const client = await connect(secret, step);
  if (!client) return false;
  await withClient(client, async () => undefined);
  return true;
}
