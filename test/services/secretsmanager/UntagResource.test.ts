import { DeleteSecretCommand, DescribeSecretCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND } from './helpers';

const server = useServer({ reset: 'each' });

const untag = (id: string, keys: string[]) => server.sm().send(new UntagResourceCommand({ SecretId: id, TagKeys: keys }));
const tags = async (id: string) => (await server.sm().send(new DescribeSecretCommand({ SecretId: id }))).Tags;

describe('UntagResource', () => {
  it('removes tags by key and shows Tags: [] once the last one is gone (recorded)', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await tags('s')).toBeUndefined();
    await server.sm().send(new TagResourceCommand({ SecretId: 's', Tags: [{ Key: 'tag1', Value: 'value1' }, { Key: 'tag2', Value: 'value2' }] }));
    await untag('s', ['tag1', 'unknown']);
    expect(await tags('s')).toEqual([{ Key: 'tag2', Value: 'value2' }]);
    await untag('s', ['tag2']);
    expect(await tags('s')).toEqual([]);
    const raw = await server.raw('secretsmanager.DescribeSecret', JSON.stringify({ SecretId: 's' }));
    expect(raw.json.Tags).toEqual([]);
  });

  it('answers AWS errors, including on a secret marked for deletion (recorded)', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await awsError(() => untag('nope', ['k']))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => untag(name, ['k']))).toEqual(INVALID_NAME);
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    expect(await awsError(() => untag('s', ['k']))).toEqual(MARKED_FOR_DELETION);
  });

  it('refuses to remove system tags (aws: prefix, any letter case)', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v', Tags: [{ Key: 'team', Value: 'a' }] });
    expect(await awsError(() => untag('s', ['team', 'AWS:cloudformation:stack-id']))).toEqual({
      name: 'InvalidParameterException',
      message: "You can't modify system tags. Tag key: 'AWS:cloudformation:stack-id'.",
      status: 400,
    });
    expect(await tags('s')).toEqual([{ Key: 'team', Value: 'a' }]);
  });
});
