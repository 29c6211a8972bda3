// The schedule is on disk: jobs scheduled before a restart run after it.
import { CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { Job } from '../../src/jobs/schedule';
import { advanceClock, awsError, useDiskServer } from '../helpers/server';
import { testJob, waitForJobs } from './helpers';

const DAY = 86_400;

const { restart } = useDiskServer('strongroom-jobs-restart-');

it('runs the jobs scheduled before a restart once they fall due after it', async () => {
  let s = await restart();
  await s.sm().send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'v' }));
  await s.sm().send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }));
  const later = testJob('test:later', 'later', Date.now() + DAY * 1000);
  await s.strongroom.jobs.add(later);

  s = await restart();
  const ran: Job[] = [];
  s.strongroom.jobs.register({ kind: 'test:later', run: async (job) => void ran.push(job) });
  await advanceClock(s, 8 * DAY);

  expect(ran).toEqual([later]);
  expect((await awsError(() => s.sm().send(new DescribeSecretCommand({ SecretId: 'doomed' })))).name).toBe('ResourceNotFoundException');
  expect(await waitForJobs(s)).toEqual({ running: 0, due: 0, failed: 0 });
});
