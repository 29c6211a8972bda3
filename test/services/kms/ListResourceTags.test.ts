import { ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, awsError, REGION, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, pendingDeletionKey } from './key-management';

const server = useServer();

const list = (KeyId: string, Limit?: number, Marker?: string) => server.kms().send(new ListResourceTagsCommand({ KeyId, Limit, Marker }));

describe('ListResourceTags', () => {
  it('answers {Tags, Truncated: false}, Tags empty for an untagged key', async () => {
    const key = await createKey(server.kms());
    const raw = await server.raw('TrentService.ListResourceTags', JSON.stringify({ KeyId: key.KeyId }));
    expect(raw.json).toEqual({ Tags: [], Truncated: false });
  });

  it('pages with Limit and Marker', async () => {
    const Tags = Array.from({ length: 5 }, (_, i) => ({ TagKey: `k${i}`, TagValue: `v${i}` }));
    const key = await createKey(server.kms(), { Tags });
    const first = await list(key.KeyId!, 2);
    expect(first).toMatchObject({ Tags: Tags.slice(0, 2), Truncated: true, NextMarker: expect.any(String) });
    const second = await list(key.KeyId!, 2, first.NextMarker);
    expect(second).toMatchObject({ Tags: Tags.slice(2, 4), Truncated: true });
    const last = await list(key.KeyId!, 2, second.NextMarker);
    expect(last.Tags).toEqual(Tags.slice(4));
    expect(last.Truncated).toBe(false);
    expect(last.NextMarker).toBeUndefined();
  });

  it('rejects a marker it did not hand out', async () => {
    const key = await createKey(server.kms());
    expect(await awsError(() => list(key.KeyId!, undefined, 'not-a-marker'))).toEqual({ name: 'InvalidMarkerException', message: 'Invalid marker', status: 400 });
  });

  it('works on keys pending deletion and on AWS managed keys', async () => {
    const doomed = await pendingDeletionKey(server.kms(), { Tags: [{ TagKey: 'a', TagValue: 'b' }] });
    expect((await list(doomed.KeyId!)).Tags).toEqual([{ TagKey: 'a', TagValue: 'b' }]);
    const managed = await awsManagedKey(server.kms());
    expect((await list(managed.Arn!)).Tags).toEqual([]);
  });

  it('names a missing key by ARN', async () => {
    const id = '5f0b6c1e-0d7a-4c0e-9a61-3d2b1c0f9e8d';
    expect(await awsError(() => list(id))).toEqual({ name: 'NotFoundException', message: `Key 'arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}' does not exist`, status: 400 });
  });
});
