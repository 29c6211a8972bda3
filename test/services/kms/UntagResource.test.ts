import { ListResourceTagsCommand, UntagResourceCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { awsManagedKey, createKey } from './key-management';

const server = useServer();

const untag = (KeyId: string, TagKeys: string[]) => server.kms().send(new UntagResourceCommand({ KeyId, TagKeys }));
const tagsOf = async (KeyId: string) => (await server.kms().send(new ListResourceTagsCommand({ KeyId }))).Tags;
const threeTags = [
  { TagKey: 'tag1', TagValue: 'value1' },
  { TagKey: 'tag2', TagValue: 'value2' },
  { TagKey: 'tag3', TagValue: 'value3' },
];

describe('UntagResource', () => {
  it('removes some tags, keeping the others in order', async () => {
    const key = await createKey(server.kms(), { Tags: threeTags });
    await untag(key.KeyId!, ['tag2']);
    expect(await tagsOf(key.KeyId!)).toEqual([threeTags[0], threeTags[2]]);
  });

  it('leaves an empty list when all are removed, and ignores keys the key does not carry', async () => {
    const key = await createKey(server.kms(), { Tags: threeTags });
    await untag(key.Arn!, ['tag1', 'tag2', 'tag3', 'never-there']);
    expect(await server.kms().send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).toMatchObject({ Tags: [], Truncated: false });
  });

  it('rejects a key pending deletion', async () => {
    const key = await createKey(server.kms(), { Tags: threeTags });
    await server.raw('TrentService.ScheduleKeyDeletion', JSON.stringify({ KeyId: key.KeyId }));
    expect(await awsError(() => untag(key.KeyId!, ['tag1']))).toEqual({ name: 'KMSInvalidStateException', message: `${key.Arn} is pending deletion.`, status: 400 });
  });

  it('denies AWS managed keys', async () => {
    const key = await awsManagedKey(server.kms());
    expect((await awsError(() => untag(key.KeyId!, ['k']))).name).toBe('AccessDeniedException');
  });
});
