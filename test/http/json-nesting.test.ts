// JSON nested deeper than an operation's input shape allows (plus a margin for members the
// model does not know) is a SerializationException, found by a scan before JSON.parse: parsing
// 1,000,000 levels of `[` costs a third of a second and 60 MB. Big bodies of other kinds (many
// members, many bad list items) are answered without a 500.
import { GenerateRandomCommand } from '@aws-sdk/client-kms';
import { requestLimits } from '../../src/protocol/limits';
import { loadModel } from '../../src/protocol/model';
import { useServer } from '../helpers/server';
import { awsHeaders, send } from './raw';

const server = useServer();

const sm = loadModel('secretsmanager');
const kms = loadModel('kms');
const post = (target: string | undefined, body: string) => send(server.url, { headers: awsHeaders(target), body });
const nested = (levels: number, open = '[', close = ']') => open.repeat(levels) + close.repeat(levels);
const SERIALIZATION = { __type: 'SerializationException' };

async function expectServing(): Promise<void> {
  const res = await server.kms().send(new GenerateRandomCommand({ NumberOfBytes: 8 }));
  expect(res.Plaintext).toHaveLength(8);
}

describe('nesting', () => {
  it('the models nest shallowly: at most four levels, ListSecrets filters', () => {
    const depths = [sm, kms].flatMap((model) => Object.values(model.operations).map((op) => requestLimits(model, op.input).maxDepth));
    expect(Math.max(...depths)).toBe(requestLimits(sm, 'ListSecretsRequest').maxDepth);
    expect(requestLimits(sm, 'ListSecretsRequest').maxDepth - requestLimits(sm, 'GetSecretValueRequest').maxDepth).toBe(3);
  });

  it('a million levels deep is a SerializationException, and the server serves the next call', async () => {
    const res = await post('secretsmanager.CreateSecret', `{"Name":"deep","SecretString":${nested(1_000_000)}}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(SERIALIZATION);
    const objects = await post('secretsmanager.CreateSecret', `{"Name":"deep","Extra":${'{"a":'.repeat(300_000)}1${'}'.repeat(300_000)}}`);
    expect(objects.json).toEqual(SERIALIZATION);
    await expectServing();
  });

  it('is checked before the target, as JSON is', async () => {
    expect((await post('TrentService.NoSuchOperation', nested(1000))).json).toEqual(SERIALIZATION);
    expect((await post(undefined, nested(1000))).json).toEqual(SERIALIZATION);
  });

  it("allows the operation's depth plus the margin, in members the model does not know", async () => {
    const { maxDepth } = requestLimits(sm, 'GetSecretValueRequest');
    // The body is one level, so the unknown member may open maxDepth - 1 more.
    const within = await post('secretsmanager.GetSecretValue', `{"SecretId":"nope","Extra":${nested(maxDepth - 1)}}`);
    expect(within.json?.__type).toBe('ResourceNotFoundException');
    const beyond = await post('secretsmanager.GetSecretValue', `{"SecretId":"nope","Extra":${nested(maxDepth)}}`);
    expect(beyond.json).toEqual(SERIALIZATION);
  });

  it('does not count brackets inside strings, escaped quotes included', async () => {
    const res = await post('secretsmanager.GetSecretValue', JSON.stringify({ SecretId: 'nope', Extra: `\\"${'['.repeat(100)}\\\\`, More: '{'.repeat(100) }));
    expect(res.json?.__type).toBe('ResourceNotFoundException');
  });
});

describe('wide bodies', () => {
  it('a hundred thousand unknown members are read and ignored', async () => {
    const members = Array.from({ length: 100_000 }, (_, i) => `"m${i}":1`).join(',');
    const res = await post('secretsmanager.CreateSecret', `{${members},"Name":"wide","SecretString":"s","ClientRequestToken":"${'t'.repeat(40)}"}`);
    expect(res.status).toBe(200);
    expect(res.json?.Name).toBe('wide');
    await expectServing();
  });

  it('a list of 300,000 bad items is one ValidationException counting them all, not a crash', async () => {
    const tokens = Array(300_000).fill('""').join(',');
    const res = await post('TrentService.Encrypt', `{"KeyId":"alias/x","Plaintext":"AAAA","GrantTokens":[${tokens}]}`);
    expect(res.status).toBe(400);
    expect(res.json?.__type).toBe('ValidationException');
    const message = res.json?.message as string;
    expect(message.startsWith("300001 validation errors detected: Value '[, , , ")).toBe(true);
    expect(message).toMatch(/at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10; Value '' at 'grantTokens.1.member' failed to satisfy constraint: Member must have length greater than or equal to 1; /);
    // Ten reported: the list's own error, then the first nine items'.
    expect(message.split('; ')).toHaveLength(10);
    expect(message.endsWith("Value '' at 'grantTokens.9.member' failed to satisfy constraint: Member must have length greater than or equal to 1")).toBe(true);
    await expectServing();
  });
});
