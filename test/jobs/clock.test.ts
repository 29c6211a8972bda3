// Moving the emulated clock runs the work it made due before the clock route answers: a test
// that jumps 30 days reads the result at once.
import { CreateKeyCommand, DescribeKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { advanceClock, awsError, useServer } from '../helpers/server';
import { testJob, waitForJobs } from './helpers';

const server = useServer({ clock: 'reset' });

it('purges a deleted secret and a key scheduled for deletion when a 30-day jump returns', async () => {
  const sm = server.sm();
  const kms = server.kms();
  await sm.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'v' }));
  await sm.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }));
  const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));

  const res = await fetch(`${server.url}/_strongroom/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 2_592_000 }) });
  expect(res.status).toBe(200);

  expect(await awsError(() => sm.send(new DescribeSecretCommand({ SecretId: 'doomed' })))).toEqual({
    name: 'ResourceNotFoundException',
    message: "Secrets Manager can't find the specified secret.",
    status: 400,
  });
  expect(await awsError(() => kms.send(new DescribeKeyCommand({ KeyId: key.KeyId })))).toEqual({
    name: 'NotFoundException',
    message: `Key '${key.Arn}' does not exist`,
    status: 400,
  });
});

it('also runs, before it answers, the jobs that fall due as due jobs run', async () => {
  const ran: string[] = [];
  const { jobs } = server.strongroom;
  jobs.register({
    kind: 'test:chain',
    run: async (job, now) => {
      ran.push(job.resource.id);
      const next = Number(job.resource.id) + 1;
      if (next < 3) await jobs.add(testJob('test:chain', String(next), now.getTime()));
    },
  });
  await jobs.add(testJob('test:chain', '0', Date.now() + 3600_000));
  await advanceClock(server, 7200);
  expect(ran).toEqual(['0', '1', '2']);
  expect(await waitForJobs(server)).toEqual({ running: 0, due: 0, failed: 0 });
});
