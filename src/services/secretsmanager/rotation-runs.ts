// Rotations that run (FIDELITY A11), as jobs on the persistent schedule (src/jobs):
//
// - RotateSecret (beginRotation) stores the configuration, adds the pending version (staged
//   AWSPENDING, no value; a copy of the current value with RotateImmediately false), and
//   schedules a job of kind secretsmanager:rotation due now, in the same batch.
// - That job invokes the function's steps in order (createSecret, setSecret, testSecret,
//   finishSecret; only testSecret when RotateImmediately is false), holding no lock: the
//   function calls back into Strongroom through the ordinary API. Then, under the lock, it
//   records the outcome: LastRotatedDate and AWSPENDING taken off the rotated version (AWS's
//   recorded end state), or the failure (step, error type and message, also logged), leaving
//   AWSPENDING where the function stopped, so the next RotateSecret finds the rotation still in
//   progress, as on AWS. A failed rotation is final: the job completes, the runner never retries it.
//   Secrets Manager's RotationStarted event is recorded as the steps begin, RotationSucceeded or
//   RotationFailed once the outcome is committed (TestRotation… for a RotateImmediately false run).
// - Each secret with a schedule has one job of kind secretsmanager:rotation-window at the start
//   of its next window (rotation.ts); it starts the rotation through RotateSecret, in process,
//   as Secrets Manager. Moving the clock into a window therefore rotates once.
import { randomUUID } from 'node:crypto';
import { secretServiceEvent } from '../../audit/service-events';
import type { TrailEvent } from '../../audit/types';
import type { JobKind } from '../../jobs/runner';
import { Schedule, type Job } from '../../jobs/schedule';
import { rootPrincipal, type RequestContext } from '../../pipeline/context';
import type { RotateSecretResponse, RotationRulesType } from '../../protocol/generated/secretsmanager';
import { AccessDeniedException, InvalidRequestException, ResourceNotFoundException } from '../../protocol/errors';
import { partition } from '../../regions';
import type { FunctionError, Invocation, RotationEvent } from '../../rotation/functions';
import { functionNameOf } from '../../rotation/names';
import type { BatchOp } from '../../store/store';
import type { SecretsManagerContext } from './context';
import { findVersion, pruneDeprecated } from './history';
import { tokenInUse } from './messages';
import type { RotationRun, SecretRecord } from './records';
import { nextWindow, rotationBase } from './rotation';
import { findSecret, readValue, updateSecret, type Change } from './secrets';
import { addPendingVersion, CURRENT, detachStage, holderOf, PENDING, rotationInProgress, type History } from './versions';

const ROTATION_RUN = 'secretsmanager:rotation';
const ROTATION_WINDOW = 'secretsmanager:rotation-window';
const SERVICE_PRINCIPAL = 'secretsmanager.amazonaws.com';
const STEPS: RotationEvent['Step'][] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

/** AWS's answer for a function it cannot invoke (recorded). */
export const cannotInvoke = () =>
  new AccessDeniedException('Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.');

const jobOf = (kind: string, record: SecretRecord, due: number): Job => ({
  due,
  kind,
  resource: { accountId: record.accountId, region: record.region, id: record.name, arn: record.arn },
});

/**
 * Ops that replace the secret's scheduled rotation: the job of the window after `base`, while
 * rotation is on and its rules schedule one; none without `base` (rotation cancelled or starting).
 */
export function rescheduleRotation(ctx: SecretsManagerContext, record: SecretRecord, base?: number): BatchOp[] {
  const schedule = new Schedule(ctx.deps.store);
  const rotation = record.rotation;
  if (!rotation) return [];
  const ops: BatchOp[] = [];
  if (rotation.scheduledAt !== undefined) ops.push(schedule.del(jobOf(ROTATION_WINDOW, record, rotation.scheduledAt)));
  delete rotation.scheduledAt;
  const window = base !== undefined && rotation.enabled ? nextWindow(rotation.rules, base) : undefined;
  if (window) {
    ops.push(schedule.put(jobOf(ROTATION_WINDOW, record, window.start)));
    rotation.scheduledAt = window.start;
  }
  return ops;
}

interface RotationRequest {
  token: string;
  lambdaArn: string;
  rules?: RotationRulesType;
  immediately: boolean;
}

/** RotateSecret's change once its function is known: the configuration, the pending version and the job that runs the steps. */
export async function beginRotation(ctx: SecretsManagerContext, record: SecretRecord, history: History, request: RotationRequest): Promise<Change<RotateSecretResponse>> {
  const { token, lambdaArn, rules, immediately } = request;
  if (rotationInProgress(record)) throw new InvalidRequestException('Previous rotation request is still in progress.');
  if (await findVersion(ctx, record, token)) throw tokenInUse(token, record.arn);
  const now = ctx.now.getTime();
  // RotateImmediately false tests the function against a new version holding the current value.
  const current = immediately ? undefined : holderOf(record.versions, CURRENT);
  const value = current && !current.empty ? await readValue(ctx, record, current.id) : undefined;
  addPendingVersion(record, history, token, now, value === undefined);
  await pruneDeprecated(ctx, record, history, now);
  record.rotation = { ...record.rotation, enabled: true, lambdaArn, rules, run: { token, rotationToken: randomUUID(), testOnly: !immediately } };
  record.lastChangedAt = now;
  const ops = [...rescheduleRotation(ctx, record), new Schedule(ctx.deps.store).put(jobOf(ROTATION_RUN, record, now))];
  return { after: record, plaintexts: value && new Map([[token, value]]), ops, result: { ARN: record.arn, Name: record.name, VersionId: token } };
}

/** What the function is told: the environment points every AWS SDK at this server, in the secret's account and region, as its execution role. */
function invocation(ctx: SecretsManagerContext, functionArn: string, role: string | undefined, step: string): Invocation {
  const url = ctx.rotation.endpoint();
  const functionName = functionNameOf(functionArn);
  const { accountId, region } = ctx;
  const { principal, credentials } = ctx.rotation.session({ accountId, region, role, functionName, now: ctx.now });
  return {
    functionArn,
    functionName,
    accountId,
    region,
    timeoutMs: ctx.rotation.timeoutMs,
    env: {
      AWS_ENDPOINT_URL: url,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: url,
      // AWS's own rotation functions read this one.
      SECRETS_MANAGER_ENDPOINT: url,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      ...credentials,
    },
    principal,
    log: (line) => ctx.rotation.logger.info(`[${functionName} ${step}] ${line}`),
  };
}

type StepFailure = FunctionError & { step: string };

/** Invokes the steps in order; the first that fails stops the rotation. */
async function invokeSteps(ctx: SecretsManagerContext, arn: string, functionArn: string, run: RotationRun): Promise<StepFailure | undefined> {
  const steps = run.testOnly ? (['testSecret'] as const) : STEPS;
  const fn = ctx.rotation.resolve(functionArn);
  if (!fn) return { step: steps[0], errorType: 'AccessDeniedException', errorMessage: cannotInvoke().message };
  for (const step of steps) {
    const event: RotationEvent = { Step: step, SecretId: arn, ClientRequestToken: run.token, RotationToken: run.rotationToken };
    const result = await fn.invoke(event, invocation(ctx, functionArn, fn.role, step));
    if (!result.ok) return { step, ...result.error };
  }
  return undefined;
}

/** The secret a job names, as it is now; undefined once it is gone (purged, or re-created under another ARN). */
async function secretOf(ctx: SecretsManagerContext, job: Job): Promise<SecretRecord | undefined> {
  try {
    return await findSecret(ctx, job.resource.arn);
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

/** updateSecret on a job's secret, which may have gone meanwhile (then nothing is left to do). */
async function updateJobSecret(ctx: SecretsManagerContext, job: Job, change: (record: SecretRecord, history: History) => Change<void>): Promise<void> {
  try {
    await updateSecret(ctx, job.resource.arn, { allowDeleted: true }, change);
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
}

/**
 * Secrets Manager's event for a run's start or outcome: RotationStarted, RotationSucceeded,
 * RotationFailed, or TestRotation… for a run that only tests the function (RotateImmediately
 * false). AWS names the run's events `Rotation-<secret ARN>-<token>`, and a failure by its step.
 */
function rotationEvent(record: SecretRecord, run: RotationRun, outcome: 'Started' | 'Succeeded' | 'Failed', now: Date, failure?: { functionArn: string; step: string }): TrailEvent {
  return secretServiceEvent(`${run.testOnly ? 'TestRotation' : 'Rotation'}${outcome}`, record, now, {
    requestId: `Rotation-${record.arn}-${run.token}`,
    errorMessage: failure && `Error when executing lambda ${failure.functionArn} during ${failure.step} step`,
  });
}

async function runRotation(ctx: SecretsManagerContext, job: Job): Promise<void> {
  const record = await secretOf(ctx, job);
  const run = record?.rotation?.run;
  const functionArn = record?.rotation?.lambdaArn;
  if (!record || !run || !functionArn) return;
  await ctx.deps.audit.record(rotationEvent(record, run, 'Started', ctx.now));
  const failure = await invokeSteps(ctx, record.arn, functionArn, run);
  if (failure) ctx.rotation.logger.warn(`strongroom: rotation of ${record.arn} failed at ${failure.step}: ${failure.errorType}: ${failure.errorMessage}`);
  let finishedAt: Date | undefined;
  await updateJobSecret(ctx, job, (after, history) => {
    const rotation = after.rotation;
    // Superseded since the steps began (AWSPENDING moved away by hand and a new RotateSecret): that run records itself.
    if (rotation?.run?.token !== run.token) return { result: undefined };
    finishedAt = ctx.deps.clock.now();
    const now = finishedAt.getTime();
    delete rotation.run;
    if (failure) {
      rotation.lastFailure = { ...failure, at: now };
    } else {
      delete rotation.lastFailure;
      // A rotated version keeps AWSCURRENT only (recorded); a tested one loses its label.
      if (run.testOnly || holderOf(after.versions, CURRENT)?.id === run.token) detachStage(after, history, run.token, PENDING);
      if (!run.testOnly) rotation.lastRotatedAt = now;
    }
    return { after, ops: rescheduleRotation(ctx, after, rotationBase(after)), result: undefined };
  });
  // The outcome's event once the outcome is committed; none for a superseded run or a secret gone meanwhile.
  if (finishedAt) await ctx.deps.audit.record(rotationEvent(record, run, failure ? 'Failed' : 'Succeeded', finishedAt, failure && { functionArn, step: failure.step }));
}

/** The window job: starts the scheduled rotation, unless a manual rotation moved the window later. */
async function startScheduled(ctx: SecretsManagerContext, job: Job): Promise<void> {
  const record = await secretOf(ctx, job);
  const rotation = record?.rotation;
  if (!record || !rotation?.enabled || rotation.scheduledAt !== job.due) return;
  const window = nextWindow(rotation.rules, rotationBase(record));
  const reschedule = (base: number) =>
    updateJobSecret(ctx, job, (after) => (after.rotation?.scheduledAt === job.due ? { after, ops: rescheduleRotation(ctx, after, base), result: undefined } : { result: undefined }));
  if (window && window.start > ctx.now.getTime()) return reschedule(rotationBase(record));
  try {
    await ctx.deps.call('secretsmanager', 'RotateSecret', { SecretId: record.arn }, { principal: ctx.principal, region: ctx.region, invokedBy: SERVICE_PRINCIPAL, trusted: true });
  } catch (err) {
    const { name, message } = err as Error;
    ctx.rotation.logger.warn(`strongroom: the scheduled rotation of ${record.arn} did not start: ${name}: ${message}`);
    // Not again in this window.
    await reschedule(ctx.now.getTime());
  }
}

/** A job's request scope: Secrets Manager acting in the secret's account and region. */
function scopeOf(job: Job, now: Date): RequestContext {
  const { accountId, region } = job.resource;
  return {
    requestId: randomUUID(),
    service: 'secretsmanager',
    operation: 'RotateSecret',
    principal: rootPrincipal(accountId, accountId, partition(region)),
    accountId,
    region,
    accessKeyId: accountId,
    now,
    invokedBy: SERVICE_PRINCIPAL,
    resources: [],
  };
}

/** The job kinds of rotation; `contextOf` makes a handler context from a scope. */
export function rotationJobs(contextOf: (scope: RequestContext) => SecretsManagerContext): JobKind[] {
  return [
    { kind: ROTATION_RUN, run: (job, now) => runRotation(contextOf(scopeOf(job, now)), job) },
    { kind: ROTATION_WINDOW, run: (job, now) => startScheduled(contextOf(scopeOf(job, now)), job) },
  ];
}
