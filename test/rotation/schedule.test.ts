// Scheduled rotation on the emulated clock: a rotation fires once when the clock enters its
// window (AutomaticallyAfterDays, cron() with a Duration), a manual PutSecretValue moves the
// window, CancelRotateSecret drops it, and the schedule survives a restart on disk.
import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { waitForJobs } from '../jobs/helpers';
import { advanceClock, useDiskServer, useServer } from '../helpers/server';
import { templateRotation, type StepRecord } from './helpers';

const HOUR = 3600;
const DAY = 24 * HOUR;
const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:rotator';

const steps: StepRecord[] = [];
const functions = { rotator: templateRotation(steps) };
/** Rotations that ran to the end. */
const rotations = () => steps.filter((s) => s.step === 'finishSecret').length;

async function setClock(server: { url: string }, now: string): Promise<void> {
  const res = await fetch(`${server.url}/_strongroom/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now }) });
  expect(res.status).toBe(200);
}

async function scheduled(sm: SecretsManagerClient, rules: { AutomaticallyAfterDays?: number; ScheduleExpression?: string; Duration?: string }) {
  await sm.send(new CreateSecretCommand({ Name: 'db', SecretString: JSON.stringify({ password: 'first' }) }));
  await sm.send(new RotateSecretCommand({ SecretId: 'db', RotationLambdaARN: LAMBDA, RotationRules: rules, RotateImmediately: false }));
}

const nextRotation = async (sm: SecretsManagerClient) => (await sm.send(new DescribeSecretCommand({ SecretId: 'db' }))).NextRotationDate?.toISOString();

beforeEach(() => {
  steps.length = 0;
});

describe('on one server', () => {
  const server = useServer({ reset: 'each', clock: 'reset', options: { rotationFunctions: functions } });

  it('rotates once when the clock enters the window AutomaticallyAfterDays sets, and not again in it', async () => {
    await setClock(server, '2031-03-03T10:00:00.000Z');
    const sm = server.sm();
    await scheduled(sm, { AutomaticallyAfterDays: 7 });
    await waitForJobs(server);
    expect(rotations()).toBe(0);
    // The window is the whole UTC day seven days on; NextRotationDate is its last second.
    expect(await nextRotation(sm)).toBe('2031-03-10T23:59:59.000Z');

    await advanceClock(server, 7 * DAY);
    expect(rotations()).toBe(1);
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'db' }));
    // When the clock move ran it (real time goes on meanwhile).
    expect(d.LastRotatedDate?.toISOString().slice(0, 13)).toBe('2031-03-10T10');
    expect(d.NextRotationDate?.toISOString()).toBe('2031-03-17T23:59:59.000Z');

    await advanceClock(server, 2 * HOUR);
    await advanceClock(server, 6 * DAY);
    expect(rotations()).toBe(1);
    await advanceClock(server, DAY);
    expect(rotations()).toBe(2);
  });

  it('rotates every secret that falls due before the clock move answers', async () => {
    const sm = server.sm();
    for (const name of ['a', 'b', 'c']) {
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify({ password: 'first' }) }));
      await sm.send(new RotateSecretCommand({ SecretId: name, RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 30 }, RotateImmediately: false }));
    }
    await advanceClock(server, 30 * DAY);
    expect(rotations()).toBe(3);
  });

  it('rotates in the window of a cron() schedule with a Duration, once per window', async () => {
    await setClock(server, '2031-03-03T10:00:00.000Z');
    const sm = server.sm();
    await scheduled(sm, { ScheduleExpression: 'cron(0 16 * * ? *)', Duration: '2h' });
    expect(await nextRotation(sm)).toBe('2031-03-03T17:59:59.000Z');

    await setClock(server, '2031-03-03T15:59:00.000Z');
    expect(rotations()).toBe(0);
    await setClock(server, '2031-03-03T16:30:00.000Z');
    expect(rotations()).toBe(1);
    expect(await nextRotation(sm)).toBe('2031-03-04T17:59:59.000Z');
    await setClock(server, '2031-03-03T17:30:00.000Z');
    expect(rotations()).toBe(1);
    await setClock(server, '2031-03-04T16:10:00.000Z');
    expect(rotations()).toBe(2);
  });

  it('counts a manual PutSecretValue as a rotation, and runs nothing once rotation is cancelled', async () => {
    await setClock(server, '2031-03-03T10:00:00.000Z');
    const sm = server.sm();
    await scheduled(sm, { AutomaticallyAfterDays: 7 });
    await advanceClock(server, 3 * DAY);
    await sm.send(new PutSecretValueCommand({ SecretId: 'db', SecretString: JSON.stringify({ password: 'by hand' }) }));
    expect(await nextRotation(sm)).toBe('2031-03-13T23:59:59.000Z');
    await advanceClock(server, 4 * DAY);
    expect(rotations()).toBe(0);
    await advanceClock(server, 3 * DAY);
    expect(rotations()).toBe(1);

    await sm.send(new CancelRotateSecretCommand({ SecretId: 'db' }));
    const d = await sm.send(new DescribeSecretCommand({ SecretId: 'db' }));
    expect([d.RotationEnabled, d.RotationLambdaARN, d.NextRotationDate]).toEqual([false, LAMBDA, undefined]);
    await advanceClock(server, 30 * DAY);
    expect(rotations()).toBe(1);
  });
});

describe('across a restart', () => {
  const { restart } = useDiskServer('strongroom-rotation-', { rotationFunctions: functions });

  it('keeps the schedule: the rotation fires after the restart', async () => {
    let s = await restart();
    await scheduled(s.sm(), { AutomaticallyAfterDays: 7 });
    await waitForJobs(s);
    const next = await nextRotation(s.sm());

    s = await restart();
    expect(await nextRotation(s.sm())).toBe(next);
    await advanceClock(s, 7 * DAY);
    expect(rotations()).toBe(1);
    expect(await waitForJobs(s)).toEqual({ running: 0, due: 0, failed: 0 });
  });
});
