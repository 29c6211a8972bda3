// LocalStack compatibility in a real process, as the Testcontainers modules see it: the
// Docker entrypoint run from the start script testcontainers-java writes (bash, the entrypoint
// path), then the waits of the Java, Node and Go modules: a log line `Ready.` (Java's
// `.*Ready\.\n`), the first log line holding `Ready` (Node's), and GET /_localstack/health
// answering 200 on the LocalStack port (Go's). No Docker: the entrypoint runs here, pointed at
// a build of src/.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GetRandomPasswordCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { buildCli } from '../helpers/cli-process';
import { TEST_CREDENTIALS } from '../helpers/server';

const ENTRYPOINT = resolve(__dirname, '../../docker/docker-entrypoint.sh');

let dir: string;
let cli: string;
let initDir: string;
const running: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strongroom-localstack-'));
  cli = buildCli(join(dir, 'build'));
  initDir = join(dir, 'ready.d');
  mkdirSync(initDir);
  const hook = join(initDir, '01-hello.sh');
  writeFileSync(hook, '#!/bin/bash\necho "hook region=$AWS_DEFAULT_REGION"\n');
  chmodSync(hook, 0o755);
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map(stop));
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  /** stdout and stderr as a container's log holds them. */
  log(): string;
}

/** Starts `command` in a process group of its own (a script's children go with it) and resolves once its log matches `until`. */
function start(command: string, args: string[], env: NodeJS.ProcessEnv, until: RegExp): Promise<Started> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.push(child);
  let log = '';
  return new Promise((resolveStart, reject) => {
    const read = (chunk: Buffer) => {
      log += chunk;
      if (until.test(log)) resolveStart({ child, log: () => log });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${until}: ${log}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(-child.pid!, 'SIGTERM');
  return exited;
}

/** The waits of the Testcontainers modules, on a started process's log and LocalStack URL. */
async function expectTestcontainersWaits(log: string, localstackUrl: string): Promise<void> {
  const lines = log.split('\n');
  // Java (and Python): a line matching .*Ready\.\n
  expect(log).toMatch(/^.*Ready\.\n/m);
  // Node: the first line holding "Ready" is the ready line itself.
  expect(lines.find((line) => line.includes('Ready'))).toBe('Ready.');
  // Go: GET /_localstack/health on the LocalStack port answers 200.
  expect((await fetch(`${localstackUrl}/_localstack/health`)).status).toBe(200);
}

const SERVER_ENV = { STRONGROOM_PORT: '0', STRONGROOM_LOCALSTACK_PORT: '0', STRONGROOM_IN_MEMORY: 'true', STRONGROOM_INIT_DIR: '' };

it('prints Ready. after the banner and the ready hooks, reading LocalStack variables', async () => {
  // The warning goes to stderr and `Ready.` to stdout: two pipes, read in either order, so wait for both.
  const readyAndWarned = /(?=[\s\S]*^Ready\.$)(?=[\s\S]*names no service)/m;
  const started = await start(process.execPath, [cli, '--localstack-compat', '--init-dir', initDir], { ...SERVER_ENV, DEFAULT_REGION: 'eu-west-1', SERVICES: 's3' }, readyAndWarned);
  const log = started.log();
  const lines = log.split('\n');
  const url = /LocalStack-compatible endpoint: (http:\S+)/.exec(log)![1];
  expect(lines.findIndex((line) => /listening on http:/.test(line))).toBeLessThan(lines.indexOf('Ready.'));
  expect(lines.indexOf('[01-hello.sh] hook region=eu-west-1')).toBeGreaterThanOrEqual(0);
  expect(lines.indexOf('[01-hello.sh] hook region=eu-west-1')).toBeLessThan(lines.indexOf('Ready.'));
  expect(log).toContain('strongroom: SERVICES=s3 names no service Strongroom emulates');
  await expectTestcontainersWaits(log, url);
  await stop(started.child);
});

it("starts from the Docker entrypoint as testcontainers-java's start script runs it, and answers on the LocalStack port", async () => {
  // Testcontainers starts the container on `sh -c "while [ ! -f <script> ]; …; <script>"`, then
  // copies the script in (mode 0777): exports, then the entrypoint's path.
  const script = join(dir, 'testcontainers_start.sh');
  const waiting = start('sh', ['-c', `while [ ! -f ${script} ]; do sleep 0.1; done; ${script}`], { ...SERVER_ENV, STRONGROOM_CLI: cli, LOCALSTACK_HOST: 'localhost', DEFAULT_REGION: 'us-east-1' }, /^Ready\.$/m);
  const flags = '"-l org.testcontainers=true -l org.testcontainers.sessionId=0123"';
  writeFileSync(
    script,
    `#!/bin/bash\nexport LAMBDA_DOCKER_FLAGS=${flags}\nexport ECS_DOCKER_FLAGS=${flags}\nexport EC2_DOCKER_FLAGS=${flags}\nexport BATCH_DOCKER_FLAGS=${flags}\n${ENTRYPOINT}\n`,
  );
  chmodSync(script, 0o777);
  const started = await waiting;
  const url = /LocalStack-compatible endpoint: (http:\S+)/.exec(started.log())![1];
  await expectTestcontainersWaits(started.log(), url);
  const sm = new SecretsManagerClient({ endpoint: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  try {
    expect((await sm.send(new GetRandomPasswordCommand({ PasswordLength: 20 }))).RandomPassword).toHaveLength(20);
  } finally {
    sm.destroy();
  }
  await stop(started.child);
});

it('runs another command given to the entrypoint, and passes options to Strongroom', async () => {
  const other = await start(ENTRYPOINT, ['bash', '-c', 'echo "compat=$STRONGROOM_LOCALSTACK_COMPAT"'], {}, /compat=true\n/);
  expect(other.log()).toBe('compat=true\n');
  const help = await start(ENTRYPOINT, ['--help'], { STRONGROOM_CLI: cli }, /--localstack-compat/);
  expect(help.log()).toContain('Usage: strongroom [options]');
});
