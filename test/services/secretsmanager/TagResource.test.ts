import { DeleteSecretCommand, DescribeSecretCommand, TagResourceCommand, type Tag } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND } from './helpers';

const server = useServer({ reset: 'each' });

const tag = (id: string, tags: Tag[]) => server.sm().send(new TagResourceCommand({ SecretId: id, Tags: tags }));
const tagsOf = async (id: string) => (await server.sm().send(new DescribeSecretCommand({ SecretId: id }))).Tags;
const numbered = (count: number, prefix = 'k') => Array.from({ length: count }, (_, i) => ({ Key: `${prefix}${i}`, Value: `v${i}` }));
const invalid = (message: string) => ({ name: 'InvalidParameterException', message, status: 400 });

describe('TagResource', () => {
  it('adds tags in order, overwrites known keys in place, and answers an empty body', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    const raw = await server.raw('secretsmanager.TagResource', JSON.stringify({ SecretId: 's', Tags: [{ Key: 'tag1', Value: 'value1' }] }));
    expect(raw.status).toBe(200);
    expect(raw.json).toEqual({});
    await tag(ARN!, [{ Key: 'tag2', Value: 'value2' }]);
    await tag('s', [{ Key: 'tag1', Value: 'changed' }]);
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: 's' }))).Tags).toEqual([
      { Key: 'tag1', Value: 'changed' },
      { Key: 'tag2', Value: 'value2' },
    ]);
  });

  it('answers AWS errors, including on a secret marked for deletion (recorded)', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await awsError(() => tag('nope', [{ Key: 'k', Value: 'v' }]))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => tag(name, [{ Key: 'k', Value: 'v' }]))).toEqual(INVALID_NAME);
    expect(await awsError(() => tag('s', [{ Key: 'k'.repeat(129), Value: 'v' }]))).toEqual({
      name: 'ValidationException',
      message: `1 validation error detected: Value '${'k'.repeat(129)}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
      status: 400,
    });
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    expect(await awsError(() => tag('s', [{ Key: 'k', Value: 'v' }]))).toEqual(MARKED_FOR_DELETION);
  });

  it('refuses keys with the reserved aws: prefix, in any letter case, storing nothing', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v', Tags: [{ Key: 'team', Value: 'a' }] });
    for (const key of ['aws:owner', 'AWS:owner', 'Aws:cloudformation:stack-name']) {
      expect(await awsError(() => tag('s', [{ Key: 'ok', Value: 'v' }, { Key: key, Value: 'v' }]))).toEqual(invalid(`You can't modify system tags. Tag key: '${key}'.`));
    }
    // Only the prefix is reserved: aws without the colon, or aws: further in, are ordinary keys.
    await tag('s', [{ Key: 'aws', Value: '1' }, { Key: 'x-aws:y', Value: '2' }, { Key: 'v', Value: 'aws:z' }]);
    expect(await tagsOf('s')).toEqual([
      { Key: 'team', Value: 'a' },
      { Key: 'aws', Value: '1' },
      { Key: 'x-aws:y', Value: '2' },
      { Key: 'v', Value: 'aws:z' },
    ]);
  });

  it('refuses a key given twice in one request', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await awsError(() => tag('s', [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'a', Value: '3' }]))).toEqual(
      invalid("You can't use the same tag key more than once in a request. Tag key: 'a'."),
    );
    expect(await tagsOf('s')).toBeUndefined();
  });

  it('allows 50 tags on a secret, counting a retagged key once, and refuses a 51st', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v', Tags: numbered(30) });
    await tag('s', numbered(50).map((t) => ({ ...t, Value: 'new' })));
    const tags = await tagsOf('s');
    expect(tags).toHaveLength(50);
    expect(tags!.every((t) => t.Value === 'new')).toBe(true);
    expect(await awsError(() => tag('s', [{ Key: 'one-more', Value: 'v' }]))).toEqual(invalid("You can't attach more than 50 tags to a secret."));
    expect(await tagsOf('s')).toEqual(tags);
  });

  it('answers a request of thousands of tags with the AWS error while other calls go on', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v', Tags: numbered(50) });
    const [tagged, described] = await Promise.all([
      awsError(() => tag('s', numbered(3000, 'n'))),
      server.sm().send(new DescribeSecretCommand({ SecretId: 's' })),
    ]);
    expect(tagged).toEqual(invalid("You can't attach more than 50 tags to a secret."));
    expect(described.Tags).toEqual(numbered(50));
    expect(await awsError(() => tag('s', [...numbered(3000, 'n'), { Key: 'n0', Value: 'again' }]))).toEqual(
      invalid("You can't use the same tag key more than once in a request. Tag key: 'n0'."),
    );
    expect(await tagsOf('s')).toEqual(numbered(50));
  });

  it('checks tag values against the model', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await awsError(() => tag('s', [{ Key: 'k', Value: 'v'.repeat(257) }]))).toEqual({
      name: 'ValidationException',
      message: `1 validation error detected: Value '${'v'.repeat(257)}' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`,
      status: 400,
    });
    await tag('s', [{ Key: 'k'.repeat(128), Value: 'v'.repeat(256) }, { Key: 'empty', Value: '' }]);
    expect(await tagsOf('s')).toEqual([{ Key: 'k'.repeat(128), Value: 'v'.repeat(256) }, { Key: 'empty', Value: '' }]);
  });
});
