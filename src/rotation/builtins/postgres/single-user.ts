// `builtin: postgres-single-user`, AWS's SecretsManagerRDSPostgreSQLRotationSingleUser: the user
// changes its own password. setSecret logs in with the pending password (already set: done), else
// the current one, else the previous one (a rotation that failed after changing the password),
// and runs ALTER USER; the old password stops working at once.
import { PREVIOUS, rotator, RotationError, type Step } from '../contract';
import { connect, canLogIn, withClient } from './connection';
import { readPostgresSecret, type PostgresSecret } from './secret';
import { checkTarget, createPending, readCurrent, readPending, testPending } from './steps';

async function readPrevious(step: Step): Promise<PostgresSecret | undefined> {
  try {
    return await readPostgresSecret(step, step.arn, PREVIOUS);
  } catch (err) {
    // No previous version, or one that is not a usable secret: the template goes on without it.
    if ((err as Error).name === 'ResourceNotFoundException' || (err as Error).name === 'KeyError') return undefined;
    throw err;
  }
}

export const postgresSingleUser = rotator({
  createSecret: (step) => createPending(step, (current, password) => ({ ...current, password })),
  async setSecret(step) {
    const previous = await readPrevious(step);
    const current = await readCurrent(step);
    const pending = await readPending(step);
    if (await canLogIn(pending, step)) return step.log(`setSecret: the pending password of ${step.arn} is already set`);
    checkTarget(pending, current, 'current');
    let client = await connect(current, step);
    if (!client && previous) {
      checkTarget(pending, previous, 'previous valid');
      // The previous credentials with the current TLS setting.
      client = await connect({ ...previous, ssl: current.ssl }, step);
    }
    if (!client) throw new RotationError('ValueError', `Unable to log into database with previous, current, or pending secret of secret arn ${step.arn}`);
    await withClient(client, (c) => c.query(`ALTER USER ${c.escapeIdentifier(pending.username)} WITH PASSWORD ${c.escapeLiteral(pending.password)}`));
    step.log(`setSecret: set the password of ${pending.username} for ${step.arn}`);
  },
  testSecret: testPending,
});
