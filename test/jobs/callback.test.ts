// A job's handler may call back into Strongroom over HTTP (as a rotation function does) and
// write the very resource it acts on while another request writes it too. The runner holds no
// lock while a handler runs, so both complete. Were the runner to hold the secret's lock around
// the handler, the handler's own PutSecretValue would wait for that lock forever (and the other
// request behind it): the test would then time out.
import { CreateSecretCommand, GetSecretValueCommand, ListSecretVersionIdsCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { advanceClock, useServer } from '../helpers/server';
import { signal, testJob, waitForJobs } from './helpers';

const server = useServer();

it('runs a handler that writes a secret over HTTP while another request writes the same secret', async () => {
  const sm = server.sm();
  const { ARN } = await sm.send(new CreateSecretCommand({ Name: 'S', SecretString: 'created' }));
  const started = signal();
  const requestDone = signal();
  server.strongroom.jobs.register({
    kind: 'test:call-back',
    run: async (job) => {
      started.resolve();
      await sm.send(new PutSecretValueCommand({ SecretId: job.resource.arn, SecretString: 'from the job' }));
      // The handler is still running when the other write has to get through.
      await requestDone.promise;
    },
  });
  await server.strongroom.jobs.add(testJob('test:call-back', 'S', Date.now(), ARN));

  // The clock move answers once the job has finished.
  const moved = advanceClock(server, 0);
  await started.promise;
  await sm.send(new PutSecretValueCommand({ SecretId: 'S', SecretString: 'from a request' }));
  requestDone.resolve();
  await moved;

  const { Versions } = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'S', IncludeDeprecated: true }));
  expect(Versions).toHaveLength(3);
  const values = await Promise.all(Versions!.map((v) => sm.send(new GetSecretValueCommand({ SecretId: 'S', VersionId: v.VersionId }))));
  expect(values.map((v) => v.SecretString).sort()).toEqual(['created', 'from a request', 'from the job']);
  expect(await waitForJobs(server)).toEqual({ running: 0, due: 0, failed: 0 });
});
