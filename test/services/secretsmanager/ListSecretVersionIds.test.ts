import { ListSecretVersionIdsCommand, PutSecretValueCommand, type ListSecretVersionIdsCommandInput } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, NOT_FOUND, token } from './helpers';

const server = useServer({ reset: 'each' });

const list = (input: ListSecretVersionIdsCommandInput) => server.sm().send(new ListSecretVersionIdsCommand(input));

describe('ListSecretVersionIds', () => {
  it('lists labelled versions with CreatedDate and KmsKeyIds DefaultEncryptionKey; deprecated ones only on request, without VersionStages', async () => {
    const ids = [token(), token(), token()];
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'v0', ClientRequestToken: ids[0] });
    for (const id of ids.slice(1)) await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: id, ClientRequestToken: id }));
    const res = await list({ SecretId: 's' });
    expect(res.ARN).toBe(ARN);
    expect(res.Name).toBe('s');
    expect(res.NextToken).toBeUndefined();
    expect(res.Versions!.map((v) => ({ id: v.VersionId, stages: v.VersionStages, keys: v.KmsKeyIds }))).toEqual([
      { id: ids[1], stages: ['AWSPREVIOUS'], keys: ['DefaultEncryptionKey'] },
      { id: ids[2], stages: ['AWSCURRENT'], keys: ['DefaultEncryptionKey'] },
    ]);
    expect(res.Versions!.every((v) => v.CreatedDate instanceof Date && v.LastAccessedDate === undefined)).toBe(true);
    const all = await server.raw('secretsmanager.ListSecretVersionIds', JSON.stringify({ SecretId: 's', IncludeDeprecated: true }));
    const versions = all.json.Versions as Record<string, unknown>[];
    expect(versions.map((v) => v.VersionId)).toEqual(ids);
    expect('VersionStages' in versions[0]).toBe(false);
  });

  it('pages by MaxResults and NextToken, even while versions are added', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v0', ClientRequestToken: token() });
    for (let i = 1; i < 5; i++) await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: `v${i}`, ClientRequestToken: token() }));
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const res = await list({ SecretId: 's', IncludeDeprecated: true, MaxResults: 2, NextToken: next });
      seen.push(...res.Versions!.map((v) => v.VersionId!));
      next = res.NextToken;
      if (pages++ === 0) await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'late', ClientRequestToken: token() }));
    } while (next);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('answers AWS errors', async () => {
    expect(await awsError(() => list({ SecretId: 'nope' }))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => list({ SecretId: name }))).toEqual(INVALID_NAME);
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await awsError(() => list({ SecretId: 's', NextToken: 'garbage' }))).toEqual({ name: 'InvalidNextTokenException', message: 'The NextToken value is invalid.', status: 400 });
    expect(await awsError(() => list({ SecretId: 's', MaxResults: 101 }))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
      status: 400,
    });
  });
});
