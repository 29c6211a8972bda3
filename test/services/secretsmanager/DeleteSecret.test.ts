import { DeleteSecretCommand, DescribeSecretCommand, ListSecretsCommand, RestoreSecretCommand, type DeleteSecretCommandInput } from '@aws-sdk/client-secrets-manager';
import { ACCOUNT, advanceClock, awsError, REGION, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, NOT_FOUND } from './helpers';

const server = useServer({ reset: 'each', clock: 'reset' });

const del = (input: DeleteSecretCommandInput) => server.sm().send(new DeleteSecretCommand(input));
const DAY = 24 * 3600;

describe('DeleteSecret', () => {
  it('schedules deletion 30 days out by default, or after RecoveryWindowInDays', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 'a', SecretString: 'v' });
    await createSecret(server.sm(), { Name: 'b', SecretString: 'v' });
    const a = await del({ SecretId: 'a' });
    expect({ ARN: a.ARN, Name: a.Name }).toEqual({ ARN, Name: 'a' });
    expect(Math.abs(a.DeletionDate!.getTime() - (Date.now() + 30 * DAY * 1000))).toBeLessThan(5000);
    const b = await del({ SecretId: 'b', RecoveryWindowInDays: 7 });
    expect(Math.abs(b.DeletionDate!.getTime() - (Date.now() + 7 * DAY * 1000))).toBeLessThan(5000);
  });

  it('purges the secret once the emulated clock passes DeletionDate', async () => {
    await createSecret(server.sm(), { Name: 'a', SecretString: 'v' });
    await del({ SecretId: 'a', RecoveryWindowInDays: 7 });
    await advanceClock(server, 6 * DAY);
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: 'a' }))).DeletedDate).toBeDefined();
    await advanceClock(server, 2 * DAY);
    expect(await awsError(() => server.sm().send(new DescribeSecretCommand({ SecretId: 'a' })))).toEqual(NOT_FOUND);
    expect((await server.sm().send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList).toEqual([]);
    await createSecret(server.sm(), { Name: 'a', SecretString: 'again' });
  });

  it('does not purge a secret restored in time', async () => {
    await createSecret(server.sm(), { Name: 'a', SecretString: 'v' });
    await del({ SecretId: 'a', RecoveryWindowInDays: 7 });
    await server.sm().send(new RestoreSecretCommand({ SecretId: 'a' }));
    await advanceClock(server, 8 * DAY);
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: 'a' }))).DeletedDate).toBeUndefined();
  });

  it('forces deletion at once, also of a secret already scheduled or one that does not exist', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 'a', SecretString: 'v' });
    await del({ SecretId: 'a' });
    const forced = await del({ SecretId: 'a', ForceDeleteWithoutRecovery: true });
    expect({ ARN: forced.ARN, Name: forced.Name }).toEqual({ ARN, Name: 'a' });
    expect(Math.abs(forced.DeletionDate!.getTime() - Date.now())).toBeLessThan(5000);
    expect(await awsError(() => server.sm().send(new DescribeSecretCommand({ SecretId: 'a' })))).toEqual(NOT_FOUND);
    const ghost = await del({ SecretId: 'never-was', ForceDeleteWithoutRecovery: true });
    expect(ghost.Name).toBe('never-was');
    expect(ghost.ARN).toMatch(new RegExp(`^arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:never-was-[A-Za-z0-9]{6}$`));
  });

  it('answers AWS errors', async () => {
    await createSecret(server.sm(), { Name: 'a', SecretString: 'v' });
    expect(await awsError(() => del({ SecretId: 'a', ForceDeleteWithoutRecovery: true, RecoveryWindowInDays: 7 }))).toEqual({
      name: 'InvalidParameterException',
      message: "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      status: 400,
    });
    for (const days of [6, 31]) {
      expect(await awsError(() => del({ SecretId: 'a', RecoveryWindowInDays: days }))).toEqual({
        name: 'InvalidParameterException',
        message: 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
        status: 400,
      });
    }
    await del({ SecretId: 'a' });
    expect(await awsError(() => del({ SecretId: 'a' }))).toEqual({
      name: 'InvalidRequestException',
      message: "You tried to perform the operation on a secret that's currently marked deleted.",
      status: 400,
    });
    expect(await awsError(() => del({ SecretId: 'nope' }))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) {
      expect(await awsError(() => del({ SecretId: name }))).toEqual(INVALID_NAME);
      expect(await awsError(() => del({ SecretId: name, ForceDeleteWithoutRecovery: true }))).toEqual(INVALID_NAME);
    }
  });
});
