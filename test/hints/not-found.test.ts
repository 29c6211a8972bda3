// The not-found hint: a secret or key asked for in the wrong region or account gets AWS's error,
// unchanged, and the log (info) says where this server does hold that name.
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { awsError, startServer, type TestServer } from '../helpers/server';

const HOME = '000000000000/us-east-1';
let server: TestServer;
let keyId: string;
const lines: string[] = [];
let spy: jest.SpyInstance;

beforeAll(async () => {
  spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  server = await startServer({ logLevel: 'info' });
  await server.sm().send(new CreateSecretCommand({ Name: 'app/db', SecretString: 'one' }));
  // In both regions: a version missing in one is not a secret of the other.
  for (const region of ['us-east-1', 'eu-west-1']) await server.sm({ region }).send(new CreateSecretCommand({ Name: 'app/both', SecretString: 'two' }));
  keyId = (await server.kms().send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  await server.kms().send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: keyId }));
});

afterAll(async () => {
  await server.close();
  spy.mockRestore();
});

/** The hint lines logged while `fn` ran, and the error it rejected with. */
async function hinted(fn: () => Promise<unknown>): Promise<{ error: { name: string; message: string }; hints: string[] }> {
  const from = lines.length;
  const { name, message } = await awsError(fn);
  return { error: { name, message }, hints: lines.slice(from).filter((line) => line.startsWith('hint:')) };
}

it('names where a secret exists when another region is asked for it, and leaves the answer as AWS gives it', async () => {
  const { error, hints } = await hinted(() => server.sm({ region: 'eu-west-1' }).send(new GetSecretValueCommand({ SecretId: 'app/db' })));
  expect(error).toEqual({ name: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
  expect(hints).toEqual([`hint: secret 'app/db' was not found in 000000000000/eu-west-1 but exists in ${HOME}`]);
});

it('names where a secret exists when another account is asked for it', async () => {
  const { hints } = await hinted(() => server.sm({ accessKeyId: '111111111111' }).send(new DescribeSecretCommand({ SecretId: 'app/db' })));
  expect(hints).toEqual([`hint: secret 'app/db' was not found in 111111111111/us-east-1 but exists in ${HOME}`]);
});

it('names where a key or an alias exists', async () => {
  const key = await hinted(() => server.kms({ region: 'eu-west-1' }).send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') })));
  expect(key.error).toEqual({ name: 'NotFoundException', message: `Key 'arn:aws:kms:eu-west-1:000000000000:key/${keyId}' does not exist` });
  expect(key.hints).toEqual([`hint: key '${keyId}' was not found in 000000000000/eu-west-1 but exists in ${HOME}`]);
  const alias = await hinted(() => server.kms({ region: 'eu-west-1' }).send(new DescribeKeyCommand({ KeyId: 'alias/app' })));
  expect(alias.error).toEqual({ name: 'NotFoundException', message: 'Alias arn:aws:kms:eu-west-1:000000000000:alias/app is not found.' });
  expect(alias.hints).toEqual([`hint: alias 'alias/app' was not found in 000000000000/eu-west-1 but exists in ${HOME}`]);
});

it('gives no hint for a name that exists nowhere, for an ARN, or where the secret was found but not its version', async () => {
  const nowhere = await hinted(() => server.sm({ region: 'eu-west-1' }).send(new GetSecretValueCommand({ SecretId: 'app/none' })));
  const arn = await hinted(() => server.sm({ region: 'eu-west-1' }).send(new GetSecretValueCommand({ SecretId: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:app/db-AbCdEf' })));
  const version = await hinted(() => server.sm({ region: 'eu-west-1' }).send(new GetSecretValueCommand({ SecretId: 'app/both', VersionStage: 'NOPE' })));
  expect(version.error.name).toBe('ResourceNotFoundException');
  expect([nowhere.hints, arn.hints, version.hints]).toEqual([[], [], []]);
});
