// The steps both PostgreSQL strategies share: createSecret (a new password, and for alternating
// users the other user, in the pending version) and testSecret (the pending credentials log in
// and run a query). Only setSecret differs.
import { CURRENT, PENDING, RotationError, type Step } from '../contract';
import { putPendingOnce, randomPassword } from '../values';
import { connect, withClient } from './connection';
import { readPostgresSecret, type PostgresSecret } from './secret';

/** The characters AWS's RDS templates leave out of generated passwords by default. */
const EXCLUDE_CHARACTERS = ':/@"\'\\';

export async function createPending(step: Step, pendingOf: (current: PostgresSecret, password: string) => PostgresSecret): Promise<void> {
  const current = await readPostgresSecret(step, step.arn, CURRENT);
  await putPendingOnce(step, async () => JSON.stringify(pendingOf(current, await randomPassword(step, EXCLUDE_CHARACTERS))));
}

export async function testPending(step: Step): Promise<void> {
  const client = await connect(await readPostgresSecret(step, step.arn, PENDING, step.token), step);
  if (!client) throw new RotationError('ValueError', `Unable to log into database with pending secret of secret ARN ${step.arn}`);
  await withClient(client, (c) => c.query('SELECT NOW()'));
  step.log(`testSecret: logged in with the pending secret of ${step.arn}`);
}

export const readPending = (step: Step) => readPostgresSecret(step, step.arn, PENDING, step.token);
export const readCurrent = (step: Step) => readPostgresSecret(step, step.arn, CURRENT);

/**
 * The pending version must change the expected user (`username`, named `users` in the error) on
 * the host of `other` (named `which`), or a secret edited by hand could rotate someone else.
 */
export function checkTarget(pending: PostgresSecret, other: PostgresSecret, which: string, users = `${which} user`, username = other.username): void {
  if (pending.username !== username) throw new RotationError('ValueError', `Attempting to modify user ${pending.username} other than ${users} ${other.username}`);
  if (pending.host !== other.host) throw new RotationError('ValueError', `Attempting to modify user for host ${pending.host} other than ${which} host ${other.host}`);
}
