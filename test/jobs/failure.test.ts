// A job whose handler fails is retried with backoff on the emulated clock, and after
// MAX_ATTEMPTS kept as failed with its last error (and logged): never lost, never retried
// forever, and it holds up no other job.
import { MAX_ATTEMPTS } from '../../src/jobs/runner';
import { advanceClock, useServer } from '../helpers/server';
import { testJob, waitForJobs } from './helpers';

const server = useServer({ clock: 'reset', options: { logLevel: 'warn' } });

let stderr: jest.SpyInstance;
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => stderr.mockRestore());
const logged = () => stderr.mock.calls.map((c) => String(c[0])).join('');

const HOUR = 3600;

it('retries a failing job, then records it as failed, while other jobs run', async () => {
  const { jobs } = server.strongroom;
  let attempts = 0;
  const done: string[] = [];
  jobs.register({
    kind: 'test:broken',
    run: async () => {
      attempts++;
      throw new Error(`function unreachable (attempt ${attempts})`);
    },
  });
  jobs.register({ kind: 'test:fine', run: async (job) => void done.push(job.resource.id) });
  const now = Date.now();
  const broken = testJob('test:broken', 'broken', now);
  await jobs.add(broken);
  await jobs.add(testJob('test:fine', 'first', now));

  await advanceClock(server, 0);
  expect({ attempts, done }).toEqual({ attempts: 1, done: ['first'] });
  // The retry waits for its backoff on the emulated clock.
  await advanceClock(server, 0);
  expect(attempts).toBe(1);
  expect(await waitForJobs(server)).toEqual({ running: 0, due: 0, failed: 0 });
  expect(logged()).toContain(`job test:broken on ${broken.resource.arn} failed (attempt 1 of ${MAX_ATTEMPTS}`);

  await jobs.add(testJob('test:fine', 'second', now + 2 * HOUR * 1000));
  for (let i = 2; i <= MAX_ATTEMPTS; i++) await advanceClock(server, HOUR);
  expect({ attempts, done }).toEqual({ attempts: MAX_ATTEMPTS, done: ['first', 'second'] });
  expect(await waitForJobs(server)).toEqual({ running: 0, due: 0, failed: 1 });
  expect(logged()).toContain(`job test:broken on ${broken.resource.arn} failed ${MAX_ATTEMPTS} times; kept as failed, not retried`);
  expect(logged()).toContain(`function unreachable (attempt ${MAX_ATTEMPTS})`);

  await advanceClock(server, 30 * 24 * HOUR);
  expect(attempts).toBe(MAX_ATTEMPTS);
});
