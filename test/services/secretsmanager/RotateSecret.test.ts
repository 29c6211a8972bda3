import { DeleteSecretCommand, DescribeSecretCommand, RotateSecretCommand, type RotateSecretCommandInput } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND } from './helpers';

const server = useServer({ reset: 'each' });

const rotate = (input: RotateSecretCommandInput) => server.sm().send(new RotateSecretCommand(input));
const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:rotate-me';
const NO_LAMBDA = { name: 'InvalidRequestException', message: 'No Lambda rotation function ARN is associated with this secret.', status: 400 };
const CANNOT_INVOKE = {
  name: 'AccessDeniedException',
  message: 'Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.',
  status: 400,
};
/** What DescribeSecret shows of rotation: nothing, after a rotation that could not start (recorded). */
async function rotationFields(id: string) {
  const d = await server.sm().send(new DescribeSecretCommand({ SecretId: id }));
  return [d.RotationEnabled, d.RotationLambdaARN, d.RotationRules, d.NextRotationDate, d.LastRotatedDate];
}

describe('RotateSecret', () => {
  it('needs a rotation function: none given and none stored, and nothing is stored (recorded)', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await awsError(() => rotate({ SecretId: 's' }))).toEqual(NO_LAMBDA);
    expect(await awsError(() => rotate({ SecretId: 's', RotationRules: { AutomaticallyAfterDays: 1 } }))).toEqual(NO_LAMBDA);
    expect(await rotationFields('s')).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('cannot invoke a Lambda function here, and stores nothing, as AWS when the function refuses it (recorded)', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await awsError(() => rotate({ SecretId: 's', RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 1 } }))).toEqual(CANNOT_INVOKE);
    expect(await awsError(() => rotate({ SecretId: 's', RotationLambdaARN: LAMBDA, RotateImmediately: false }))).toEqual(CANNOT_INVOKE);
    expect(await rotationFields('s')).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('checks RotationRules first', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    const invalid = (text: string) => ({ name: 'InvalidParameterException', message: text, status: 400 });
    expect(await awsError(() => rotate({ SecretId: 's', RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 7, ScheduleExpression: 'rate(10 days)' } }))).toEqual(
      invalid('You cannot specify both rotation frequency and schedule expression together.'),
    );
    for (const expression of ['rate(2 hours)', 'rate(1001 days)', 'cron(30 1 * * ? *)', 'cron(0 1 * * ? 2030)', 'every day']) {
      expect(await awsError(() => rotate({ SecretId: 's', RotationLambdaARN: LAMBDA, RotationRules: { ScheduleExpression: expression } }))).toEqual(
        invalid(`Invalid ScheduleExpression: ${expression}`),
      );
    }
    expect(await awsError(() => rotate({ SecretId: 's', RotationLambdaARN: LAMBDA, RotationRules: { ScheduleExpression: 'rate(4 hours)', Duration: '25h' } }))).toEqual(
      invalid('Invalid Duration: 25h'),
    );
    for (const rules of [{ ScheduleExpression: 'rate(4 hours)', Duration: '2h' }, { ScheduleExpression: 'cron(0 16 1,15 * ? *)' }, { AutomaticallyAfterDays: 1000 }]) {
      expect(await awsError(() => rotate({ SecretId: 's', RotationLambdaARN: LAMBDA, RotationRules: rules }))).toEqual(CANNOT_INVOKE);
    }
    expect(await awsError(() => rotate({ SecretId: 's', RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 1001 } }))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value '1001' at 'rotationRules.automaticallyAfterDays' failed to satisfy constraint: Member must have value less than or equal to 1000",
      status: 400,
    });
  });

  it('answers AWS errors', async () => {
    const raw = await server.raw('secretsmanager.RotateSecret', JSON.stringify({ SecretId: 's' }));
    // RotateSecret words a missing token as InvalidParameterException (recorded).
    expect(raw.json).toEqual({ __type: 'InvalidParameterException', Message: 'You must provide a ClientRequestToken value. We recommend a UUID-type value.' });
    expect(await awsError(() => rotate({ SecretId: 'nope' }))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => rotate({ SecretId: name }))).toEqual(INVALID_NAME);
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    expect(await awsError(() => rotate({ SecretId: 's', RotationLambdaARN: LAMBDA }))).toEqual(MARKED_FOR_DELETION);
  });
});
