// `builtin: password` through the SDK: a seed file declares the function, RotateSecret runs its four
// steps in process, and the secret gets a new password as AWS's generic rotation template gives one.
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { waitForJobs } from '../../jobs/helpers';
import { PASSWORD_ROTATOR, PASSWORD_ROTATOR_SEED, useSeedFile } from '../../helpers/seed-file';
import { startServer, type TestServer } from '../../helpers/server';
import { sorted } from '../helpers';

const ROTATOR = PASSWORD_ROTATOR;
const seed = useSeedFile(PASSWORD_ROTATOR_SEED);
/** What AWS's generic template leaves out of generated passwords. */
const EXCLUDED = /[/@"'\\]/;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ seeds: [seed] });
});
afterAll(async () => {
  await server.close();
});

async function rotate(name: string, SecretString: string, token: string, RotateImmediately?: boolean) {
  const { VersionId } = await server.sm().send(new CreateSecretCommand({ Name: name, SecretString }));
  await server.sm().send(new RotateSecretCommand({ SecretId: name, RotationLambdaARN: ROTATOR, RotationRules: { AutomaticallyAfterDays: 30 }, ClientRequestToken: token, RotateImmediately }));
  expect(await waitForJobs(server)).toEqual(expect.objectContaining({ running: 0, due: 0 }));
  const described = await server.sm().send(new DescribeSecretCommand({ SecretId: name }));
  const { SecretString: value } = await server.sm().send(new GetSecretValueCommand({ SecretId: name }));
  return { first: VersionId!, described, value: value! };
}

describe('builtin: password', () => {
  it('gives a JSON secret a new password, keeping every other field, and moves AWSCURRENT', async () => {
    const token = '11111111-1111-1111-1111-111111111111';
    const { first, described, value } = await rotate('app/db', JSON.stringify({ username: 'app', password: 'old', port: 5432, nested: { a: 1 } }), token);
    expect(sorted(described.VersionIdsToStages)).toEqual({ [first]: ['AWSPREVIOUS'], [token]: ['AWSCURRENT'] });
    expect({ enabled: described.RotationEnabled, rotated: described.LastRotatedDate instanceof Date, next: described.NextRotationDate instanceof Date }).toEqual({
      enabled: true,
      rotated: true,
      next: true,
    });
    const { password, ...rest } = JSON.parse(value);
    expect(rest).toEqual({ username: 'app', port: 5432, nested: { a: 1 } });
    expect(password).toHaveLength(32);
    expect(password).not.toMatch(EXCLUDED);
  });

  it('replaces a plain string whole, and rotates again from there', async () => {
    const token = '22222222-2222-2222-2222-222222222222';
    const { first, value } = await rotate('api-key', 'not json', token);
    expect(value).toHaveLength(32);
    expect(value).not.toMatch(EXCLUDED);
    const again = '33333333-3333-3333-3333-333333333333';
    await server.sm().send(new RotateSecretCommand({ SecretId: 'api-key', ClientRequestToken: again }));
    await waitForJobs(server);
    const described = await server.sm().send(new DescribeSecretCommand({ SecretId: 'api-key' }));
    expect(sorted(described.VersionIdsToStages)).toEqual({ [token]: ['AWSPREVIOUS'], [again]: ['AWSCURRENT'] });
    expect(first).not.toBe(again);
    const { SecretString } = await server.sm().send(new GetSecretValueCommand({ SecretId: 'api-key' }));
    expect(SecretString).not.toBe(value);
  });

  it('with RotateImmediately false, only tests: the value and AWSCURRENT stay', async () => {
    const token = '44444444-4444-4444-4444-444444444444';
    const original = JSON.stringify({ username: 'app', password: 'kept' });
    const { first, described, value } = await rotate('tested-only', original, token, false);
    expect(value).toBe(original);
    expect(sorted(described.VersionIdsToStages)[first]).toEqual(['AWSCURRENT']);
  });
});
