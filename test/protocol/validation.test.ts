// Input validation from the models, as AWS's Coral layer words it (FIDELITY §0, B16, B18):
// through the SDK clients where they send what the test asks, raw JSON where only a raw body
// can carry the fault (wrong JSON types).
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, EncryptCommand, GenerateMacCommand, GenerateRandomCommand, GetKeyPolicyCommand, ListKeysCommand, type Tag } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetRandomPasswordCommand, GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { loadModel } from '../../src/protocol/model';
import { awsError, useServer } from '../helpers/server';

const server = useServer();

const one = (detail: string) => `1 validation error detected: ${detail}`;
const kms = () => server.kms();
const sm = () => server.sm();
const validation = (message: string) => ({ name: 'ValidationException', message, status: 400 });

describe('constraints, through the SDK clients', () => {
  it('reports a missing required member in both services', async () => {
    expect(await awsError(() => kms().send(new DescribeKeyCommand({} as never)))).toEqual(
      validation(one("Value null at 'keyId' failed to satisfy constraint: Member must not be null")),
    );
    expect(await awsError(() => sm().send(new GetSecretValueCommand({} as never)))).toEqual(
      validation(one("Value null at 'secretId' failed to satisfy constraint: Member must not be null")),
    );
  });

  it('reports string and list lengths', async () => {
    expect(await awsError(() => kms().send(new DescribeKeyCommand({ KeyId: '' })))).toEqual(
      validation(one("Value '' at 'keyId' failed to satisfy constraint: Member must have length greater than or equal to 1")),
    );
    const long = 'x'.repeat(2049);
    expect(await awsError(() => sm().send(new GetSecretValueCommand({ SecretId: long })))).toEqual(
      validation(one(`Value '${long}' at 'secretId' failed to satisfy constraint: Member must have length less than or equal to 2048`)),
    );
    const filters = Array.from({ length: 11 }, () => ({ Key: 'name' as const, Values: ['a'] }));
    expect(await awsError(() => sm().send(new ListSecretsCommand({ Filters: filters })))).toEqual(
      validation(one(`Value '[${filters.map(() => '{Key=name, Values=[a]}').join(', ')}]' at 'filters' failed to satisfy constraint: Member must have length less than or equal to 10`)),
    );
  });

  it('never echoes blobs or sensitive strings', async () => {
    expect(await awsError(() => kms().send(new EncryptCommand({ KeyId: 'alias/x', Plaintext: Buffer.alloc(4097) })))).toEqual(
      validation(one("Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096")),
    );
    expect(await awsError(() => sm().send(new CreateSecretCommand({ Name: 'n', SecretString: 'x'.repeat(65537) })))).toEqual(
      validation(one("Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536")),
    );
  });

  it('reports numeric ranges', async () => {
    expect(await awsError(() => kms().send(new GenerateRandomCommand({ NumberOfBytes: 0 })))).toEqual(
      validation(one("Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1")),
    );
    expect(await awsError(() => kms().send(new ListKeysCommand({ Limit: 1001 })))).toEqual(
      validation(one("Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000")),
    );
    expect(await awsError(() => sm().send(new GetRandomPasswordCommand({ PasswordLength: 4097 })))).toEqual(
      validation(one("Value '4097' at 'passwordLength' failed to satisfy constraint: Member must have value less than or equal to 4096")),
    );
  });

  it('matches patterns against the whole value, anchored in the model or not', async () => {
    expect(await awsError(() => kms().send(new CreateAliasCommand({ AliasName: 'alias/has space', TargetKeyId: 'k' })))).toEqual(
      validation(one("Value 'alias/has space' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$")),
    );
    expect(await awsError(() => kms().send(new GetKeyPolicyCommand({ KeyId: 'k', PolicyName: 'not default' })))).toEqual(
      validation(one("Value 'not default' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+")),
    );
  });

  it('lists enum values in the model order, or in the order AWS is known to use', async () => {
    const keySpecs = loadModel('kms').shapes.KeySpec.enum!.join(', ');
    expect(await awsError(() => kms().send(new CreateKeyCommand({ KeySpec: 'HMAC_random' as never })))).toEqual(
      validation(one(`Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [${keySpecs}]`)),
    );
    expect(await awsError(() => kms().send(new GenerateMacCommand({ KeyId: 'k', Message: Buffer.from('m'), MacAlgorithm: 'INVALID' as never })))).toEqual(
      validation(one("Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]")),
    );
    expect(await awsError(() => sm().send(new ListSecretsCommand({ Filters: [{ Key: 'colour' as never, Values: ['red'] }] })))).toEqual(
      validation(
        one(
          "Value 'colour' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [description, name, tag-key, tag-value, primary-region, owning-service, all]",
        ),
      ),
    );
  });

  it('names members of list items by position (tags.N.member.tagKey)', async () => {
    const key = 'a'.repeat(129);
    const value = 'v'.repeat(257);
    expect(await awsError(() => kms().send(new CreateKeyCommand({ Tags: [{ TagKey: 'ok', TagValue: 'ok' }, { TagKey: key, TagValue: 'v' }] })))).toEqual(
      validation(one(`Value '${key}' at 'tags.2.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`)),
    );
    expect(await awsError(() => kms().send(new CreateKeyCommand({ Tags: [{ TagKey: 'k', TagValue: value }] })))).toEqual(
      validation(one(`Value '${value}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`)),
    );
  });

  it('reports several errors in member order, in the plural, joined by "; "', async () => {
    expect(await awsError(() => kms().send(new CreateKeyCommand({ Description: 'd'.repeat(8193), KeyUsage: 'NOPE' as never, Tags: [{ TagKey: '', TagValue: 'v' }] })))).toEqual(
      validation(
        '3 validation errors detected: ' +
          `Value '${'d'.repeat(8193)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192; ` +
          "Value 'NOPE' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT, ENCAPSULATE_DECAPSULATE]; " +
          "Value '' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
      ),
    );
  });

  it('lists at most 10 errors but counts them all', async () => {
    const tags: Tag[] = Array.from({ length: 12 }, (_, i) => ({ TagKey: `${i}`.padEnd(129, 'k'), TagValue: 'v' }));
    const { name, message } = await awsError(() => kms().send(new CreateKeyCommand({ Tags: tags })));
    expect(name).toBe('ValidationException');
    const details = tags
      .slice(0, 10)
      .map((t, i) => `Value '${t.TagKey}' at 'tags.${i + 1}.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`);
    expect(message).toBe(`12 validation errors detected: ${details.join('; ')}`);
  });
});

describe('JSON types, on the wire', () => {
  const serialization = (target: string, body: unknown) => server.raw(target, JSON.stringify(body));

  it.each([
    ['a string for an Integer', 'TrentService.GenerateRandom', { NumberOfBytes: '32' }, 'STRING_VALUE can not be converted to an Integer'],
    ['a boolean for an Integer', 'TrentService.GenerateRandom', { NumberOfBytes: true }, 'TRUE_VALUE can not be converted to an Integer'],
    ['a string for a Long', 'secretsmanager.GetRandomPassword', { PasswordLength: '32' }, 'STRING_VALUE can not be converted to a Long'],
    ['a number for a String', 'TrentService.DescribeKey', { KeyId: 5 }, 'NUMBER_VALUE can not be converted to a String'],
    ['true for a String', 'TrentService.DescribeKey', { KeyId: true }, 'TRUE_VALUE can not be converted to a String'],
    ['false for a String', 'secretsmanager.GetSecretValue', { SecretId: false }, 'FALSE_VALUE can not be converted to a String'],
    ['a number for a Boolean', 'secretsmanager.GetRandomPassword', { ExcludeNumbers: 1 }, 'NUMBER_VALUE can not be converted to an Boolean'],
    ['another string for a Boolean', 'secretsmanager.GetRandomPassword', { ExcludeNumbers: 'maybe' }, 'STRING_VALUE can not be converted to an Boolean'],
    ['a string for a Timestamp', 'TrentService.ImportKeyMaterial', { ValidTo: '2030-01-01T00:00:00Z' }, 'STRING_VALUE can not be converted to a Timestamp'],
    ['a number for a Blob', 'TrentService.Encrypt', { KeyId: 'k', Plaintext: 5 }, 'NUMBER_VALUE can not be converted to a Blob'],
    ['invalid base64 for a Blob', 'TrentService.Encrypt', { KeyId: 'k', Plaintext: 'not base64!' }, 'Base64 encoded value is malformed'],
    ['a list for a scalar', 'TrentService.DescribeKey', { KeyId: ['k'] }, 'Start of list found where not expected'],
    ['an object for a scalar', 'TrentService.DescribeKey', { KeyId: { k: 1 } }, 'Start of structure or map found where not expected.'],
    ['an object for a list', 'TrentService.CreateKey', { Tags: { TagKey: 'k' } }, 'Start of structure or map found where not expected.'],
    ['a scalar for a list', 'TrentService.CreateKey', { Tags: 'k' }, 'Expected list or null'],
    ['a scalar for a structure', 'TrentService.CreateKey', { Tags: ['k'] }, 'Expected null'],
    ['a list for a structure', 'TrentService.CreateKey', { Tags: [[]] }, 'Start of list found where not expected'],
    ['a scalar for a map', 'TrentService.Encrypt', { KeyId: 'k', Plaintext: 'AA==', EncryptionContext: 'x' }, 'Expected map or null'],
    ['a list for a map', 'TrentService.Encrypt', { KeyId: 'k', Plaintext: 'AA==', EncryptionContext: [] }, 'Start of list found where not expected'],
    ['a number for a map value', 'TrentService.Encrypt', { KeyId: 'k', Plaintext: 'AA==', EncryptionContext: { a: 1 } }, 'NUMBER_VALUE can not be converted to a String'],
  ])('answers SerializationException with a capital Message for %s', async (_, target, body, message) => {
    const res = await serialization(target, body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ __type: 'SerializationException', Message: message });
  });

  it('finds type errors before constraint errors, wherever they are', async () => {
    const res = await serialization('TrentService.CreateKey', { Description: 'd'.repeat(9000), Tags: 'k' });
    expect(res.json).toEqual({ __type: 'SerializationException', Message: 'Expected list or null' });
  });

  it('takes true/false/yes/no/1/0 in any case for booleans', async () => {
    for (const [flag, digits] of [
      ['TRUE', false],
      ['yes', false],
      ['1', false],
      ['False', true],
      ['NO', true],
      ['0', true],
    ] as const) {
      const res = await serialization('secretsmanager.GetRandomPassword', { ExcludeNumbers: flag, ExcludeLowercase: true, ExcludeUppercase: true, ExcludePunctuation: true, IncludeSpace: true, RequireEachIncludedType: false });
      expect(res.status).toBe(200);
      expect(/[0-9]/.test(res.json.RandomPassword as string)).toBe(digits);
    }
  });

  it("reports a list's own error before its items', showing the items as read", async () => {
    const deep = '['.repeat(10) + ']'.repeat(10);
    const filters = ['colour', ...Array(10).fill('name')].map((key) => `{"Key":"${key}","Values":["a"],"Extra":${deep}}`);
    const res = await server.raw('secretsmanager.ListSecrets', `{"Filters":[${filters.join(',')}]}`);
    expect(res.json).toEqual({
      __type: 'ValidationException',
      Message:
        `2 validation errors detected: Value '[{Key=colour, Values=[a]}, ${Array(10).fill('{Key=name, Values=[a]}').join(', ')}]' at 'filters' failed to satisfy constraint: Member must have length less than or equal to 10; ` +
        "Value 'colour' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [description, name, tag-key, tag-value, primary-region, owning-service, all]",
    });
  });

  it('treats null as absent and drops members the model does not know', async () => {
    const res = await serialization('TrentService.DescribeKey', { KeyId: null, Unknown: 'x' });
    expect(res.json).toEqual({
      __type: 'ValidationException',
      message: one("Value null at 'keyId' failed to satisfy constraint: Member must not be null"),
    });
    const ok = await serialization('secretsmanager.GetRandomPassword', { PasswordLength: null, ExcludeCharacters: null, NotAMember: [1, 2] });
    expect(ok.status).toBe(200);
    expect(ok.json.RandomPassword).toHaveLength(32);
  });
});
