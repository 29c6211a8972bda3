// The runner's bounds: at most CONCURRENCY jobs at once, and the wait route, which changes
// state (it runs due work), takes JSON only.
import { CONCURRENCY } from '../../src/jobs/runner';
import { useServer } from '../helpers/server';
import { testJob, waitForJobs } from './helpers';

const server = useServer();

it(`runs due jobs ${CONCURRENCY} at a time`, async () => {
  const { jobs } = server.strongroom;
  let running = 0;
  let most = 0;
  let ran = 0;
  jobs.register({
    kind: 'test:busy',
    run: async () => {
      most = Math.max(most, ++running);
      // Long enough for every job that could start to start.
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
      running--;
      ran++;
    },
  });
  const now = Date.now();
  for (let i = 0; i < 3 * CONCURRENCY; i++) await jobs.add(testJob('test:busy', `job-${i}`, now));
  expect(await waitForJobs(server)).toEqual({ running: 0, due: 0, failed: 0 });
  expect({ ran, most }).toEqual({ ran: 3 * CONCURRENCY, most: CONCURRENCY });
});

it('answers 415 to a jobs/wait POST that is not JSON', async () => {
  const res = await fetch(`${server.url}/_strongroom/jobs/wait`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '' });
  expect(res.status).toBe(415);
  expect(await res.json()).toEqual({ error: 'POST /_strongroom/jobs/wait takes Content-Type: application/json.' });
});
