import { ListResourceTagsCommand, TagResourceCommand, type Tag } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, pendingDeletionKey, pendingImportKey } from './key-management';

const server = useServer();

const tag = (KeyId: string, Tags: Tag[]) => server.kms().send(new TagResourceCommand({ KeyId, Tags }));
const tagsOf = async (KeyId: string) => (await server.kms().send(new ListResourceTagsCommand({ KeyId }))).Tags;

describe('TagResource', () => {
  it('adds tags and overwrites the value of a key it already has, in place', async () => {
    const key = await createKey(server.kms(), {
      Tags: [
        { TagKey: 'tag1', TagValue: 'value1' },
        { TagKey: 'tag2', TagValue: 'value2' },
        { TagKey: 'tag3', TagValue: 'value3' },
      ],
    });
    await tag(key.Arn!, [
      { TagKey: 'tag2', TagValue: 'updated_value2' },
      { TagKey: 'tag4', TagValue: 'value4' },
      { TagKey: 'tag5', TagValue: 'value5' },
    ]);
    expect(await tagsOf(key.KeyId!)).toEqual([
      { TagKey: 'tag1', TagValue: 'value1' },
      { TagKey: 'tag2', TagValue: 'updated_value2' },
      { TagKey: 'tag3', TagValue: 'value3' },
      { TagKey: 'tag4', TagValue: 'value4' },
      { TagKey: 'tag5', TagValue: 'value5' },
    ]);
  });

  it('tags disabled and pending-import keys, not keys pending deletion', async () => {
    const importing = await pendingImportKey(server.kms());
    await tag(importing.KeyId!, [{ TagKey: 'k', TagValue: 'v' }]);
    expect(await tagsOf(importing.KeyId!)).toEqual([{ TagKey: 'k', TagValue: 'v' }]);
    const doomed = await pendingDeletionKey(server.kms());
    expect(await awsError(() => tag(doomed.KeyId!, [{ TagKey: 'k', TagValue: 'v' }]))).toEqual({
      name: 'KMSInvalidStateException',
      message: `${doomed.Arn} is pending deletion.`,
      status: 400,
    });
  });

  it.each([
    [[{ TagKey: 'aws:foo', TagValue: 'v' }], 'Tags beginning with aws: are reserved'],
    [[{ TagKey: 'AWS:Foo', TagValue: 'v' }], 'Tags beginning with aws: are reserved'],
    [[{ TagKey: 'dup', TagValue: '1' }, { TagKey: 'dup', TagValue: '2' }], 'Duplicate tag keys'],
  ])('rejects %j with TagException', async (Tags, message) => {
    const key = await createKey(server.kms());
    expect(await awsError(() => tag(key.KeyId!, Tags))).toEqual({ name: 'TagException', message, status: 400 });
    expect(await tagsOf(key.KeyId!)).toEqual([]);
  });

  it('allows at most 50 tags on a key', async () => {
    const key = await createKey(server.kms(), { Tags: Array.from({ length: 49 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' })) });
    await tag(key.KeyId!, [{ TagKey: 'k0', TagValue: 'again' }, { TagKey: 'k49', TagValue: 'v' }]);
    expect(await awsError(() => tag(key.KeyId!, [{ TagKey: 'k50', TagValue: 'v' }]))).toEqual({ name: 'TagException', message: 'Too many tags', status: 400 });
  });

  it('checks tag lengths by the model', async () => {
    const key = await createKey(server.kms());
    const value = 'v'.repeat(257);
    expect(await awsError(() => tag(key.KeyId!, [{ TagKey: 'k', TagValue: value }]))).toEqual({
      name: 'ValidationException',
      message: `1 validation error detected: Value '${value}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`,
      status: 400,
    });
  });

  it('denies AWS managed keys', async () => {
    const key = await awsManagedKey(server.kms());
    expect((await awsError(() => tag(key.KeyId!, [{ TagKey: 'k', TagValue: 'v' }]))).name).toBe('AccessDeniedException');
  });
});
