// `builtin: postgres-alternating-users`, AWS's SecretsManagerRDSPostgreSQLRotationMultiUser: each
// rotation switches the secret between <username> and <username>_clone and sets the new password
// of the other user, logged in with the master secret (`masterarn`). The user of AWSCURRENT is
// not touched, so applications still holding it (AWSPREVIOUS after the rotation) keep working.
// The first rotation creates the clone with LOGIN and grants it the original user (its role,
// hence its privileges and memberships), as the template does.
import { CURRENT, rotator, RotationError } from '../contract';
import { canLogIn, connect, withClient } from './connection';
import { readPostgresSecret } from './secret';
import { checkTarget, createPending, readCurrent, readPending, testPending } from './steps';

const CLONE = '_clone';
/** PostgreSQL's longest identifier (NAMEDATALEN - 1). */
const MAX_NAME = 63;

function alternateOf(username: string): string {
  if (username.endsWith(CLONE)) return username.slice(0, -CLONE.length);
  if (username.length + CLONE.length > MAX_NAME) throw new RotationError('ValueError', `Unable to clone user, username length with ${CLONE} appended would exceed ${MAX_NAME} characters`);
  return username + CLONE;
}

export const postgresAlternatingUsers = rotator({
  createSecret: (step) => createPending(step, (current, password) => ({ ...current, username: alternateOf(current.username), password })),
  async setSecret(step) {
    const current = await readCurrent(step);
    const pending = await readPending(step);
    if (await canLogIn(pending, step)) return step.log(`setSecret: the pending password of ${step.arn} is already set`);
    checkTarget(pending, current, 'current', 'current user or clone', alternateOf(current.username));
    // The current credentials must work: no one rotates a user they cannot log in as (the template's confused-deputy check).
    if (!(await canLogIn(current, step))) throw new RotationError('ValueError', `Unable to log into database using current credentials for secret ${step.arn}`);
    const masterArn = current.masterarn;
    if (typeof masterArn !== 'string') throw new RotationError('KeyError', 'masterarn key is missing from secret JSON');
    const master = { ...(await readPostgresSecret(step, masterArn, CURRENT)), dbname: current.dbname };
    if (current.host !== master.host) throw new RotationError('ValueError', `Current database host ${current.host} is not the same host as/rds replica of master ${master.host}`);
    const client = await connect(master, step);
    if (!client) throw new RotationError('ValueError', `Unable to log into database using credentials in master secret ${masterArn}`);
    await withClient(client, async (c) => {
      const user = c.escapeIdentifier(pending.username);
      const password = c.escapeLiteral(pending.password);
      await c.query('BEGIN');
      const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [pending.username]);
      if (rowCount === 0) {
        await c.query(`CREATE ROLE ${user} WITH LOGIN PASSWORD ${password}`);
        await c.query(`GRANT ${c.escapeIdentifier(current.username)} TO ${user}`);
      } else {
        await c.query(`ALTER USER ${user} WITH PASSWORD ${password}`);
      }
      await c.query('COMMIT');
    });
    step.log(`setSecret: set the password of ${pending.username} for ${step.arn}`);
  },
  testSecret: testPending,
});
