import { DeleteSecretCommand, DescribeSecretCommand, TagResourceCommand, type Tag } from '@aws-sdk/client-secrets-manager';
import { awsError, startServer, type TestServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const tag = (id: string, tags: Tag[]) => server.sm().send(new TagResourceCommand({ SecretId: id, Tags: tags }));

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
});
