import {
  DeleteSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  UpdateSecretCommand,
  type Filter,
  type ListSecretsCommandInput,
} from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { createSecret, token } from './helpers';

const server = useServer({ reset: 'each' });

const list = (input: ListSecretsCommandInput = {}) => server.sm().send(new ListSecretsCommand(input));
const names = async (input: ListSecretsCommandInput = {}) => (await list(input)).SecretList!.map((s) => s.Name);
const filtered = (...filters: Filter[]) => names({ Filters: filters, SortBy: 'name' });

describe('ListSecrets', () => {
  it('lists entries with SecretVersionsToStages, oldest first by default (recorded shape)', async () => {
    const t = token();
    const { ARN } = await createSecret(server.sm(), { Name: 'b', Description: 'testing creation of secrets', SecretString: 'v', ClientRequestToken: t });
    await createSecret(server.sm(), { Name: 'a' });
    const res = await server.raw('secretsmanager.ListSecrets', '{}');
    const entries = res.json.SecretList as Record<string, unknown>[];
    expect(entries.map((e) => e.Name)).toEqual(['b', 'a']);
    expect(Object.keys(entries[0]).sort()).toEqual(['ARN', 'CreatedDate', 'Description', 'LastChangedDate', 'Name', 'SecretVersionsToStages']);
    expect(entries[0]).toMatchObject({ ARN, SecretVersionsToStages: { [t]: ['AWSCURRENT'] } });
    expect(Object.keys(entries[1]).sort()).toEqual(['ARN', 'CreatedDate', 'LastChangedDate', 'Name']);
    expect(res.json.NextToken).toBeUndefined();
  });

  it('sorts by name, created, changed and accessed date, ascending or descending', async () => {
    for (const name of ['c', 'a', 'b']) await createSecret(server.sm(), { Name: name, SecretString: 'v' });
    expect(await names({ SortBy: 'name' })).toEqual(['a', 'b', 'c']);
    expect(await names({ SortBy: 'name', SortOrder: 'desc' })).toEqual(['c', 'b', 'a']);
    expect(await names({ SortBy: 'created-date', SortOrder: 'desc' })).toEqual(['b', 'a', 'c']);
    await new Promise((r) => setTimeout(r, 5));
    await server.sm().send(new UpdateSecretCommand({ SecretId: 'c', Description: 'changed' }));
    expect(await names({ SortBy: 'last-changed-date' })).toEqual(['a', 'b', 'c']);
    await server.sm().send(new GetSecretValueCommand({ SecretId: 'a' }));
    expect((await names({ SortBy: 'last-accessed-date', SortOrder: 'desc' }))[0]).toBe('a');
  });

  it('pages by MaxResults with a token that stays right while secrets come and go', async () => {
    for (let i = 0; i < 7; i++) await createSecret(server.sm(), { Name: `s${i}` });
    const seen: string[] = [];
    let next: string | undefined;
    let page = 0;
    do {
      const res = await list({ SortBy: 'name', MaxResults: 3, NextToken: next });
      seen.push(...res.SecretList!.map((s) => s.Name!));
      next = res.NextToken;
      if (page++ === 0) {
        await server.sm().send(new DeleteSecretCommand({ SecretId: 's0', ForceDeleteWithoutRecovery: true }));
        await server.sm().send(new DeleteSecretCommand({ SecretId: 's5', ForceDeleteWithoutRecovery: true }));
        await createSecret(server.sm(), { Name: 's9' });
      }
    } while (next);
    expect(seen).toEqual(['s0', 's1', 's2', 's3', 's4', 's6', 's9']);
    expect(await awsError(() => list({ NextToken: 'not-a-token' }))).toEqual({ name: 'InvalidNextTokenException', message: 'The NextToken value is invalid.', status: 400 });
    const first = await list({ SortBy: 'name', MaxResults: 1 });
    expect(await awsError(() => list({ SortBy: 'created-date', NextToken: first.NextToken }))).toMatchObject({ name: 'InvalidNextTokenException' });
  });

  it('hides secrets scheduled for deletion unless IncludePlannedDeletion, which shows DeletedDate', async () => {
    await createSecret(server.sm(), { Name: 'kept' });
    await createSecret(server.sm(), { Name: 'gone' });
    await server.sm().send(new DeleteSecretCommand({ SecretId: 'gone' }));
    expect(await names()).toEqual(['kept']);
    const all = (await list({ IncludePlannedDeletion: true, SortBy: 'name' })).SecretList!;
    expect(all.map((s) => [s.Name, s.DeletedDate !== undefined])).toEqual([
      ['gone', true],
      ['kept', false],
    ]);
  });

  it('filters by name as a case-sensitive prefix of the whole name (AWS-validated)', async () => {
    for (const name of ['/testing2/two', 'testing1/one', 'Testing3']) await createSecret(server.sm(), { Name: name });
    expect(await filtered({ Key: 'name', Values: ['/'] })).toEqual(['/testing2/two']);
    expect(await filtered({ Key: 'name', Values: ['!/'] })).toEqual(['Testing3', 'testing1/one']);
    expect(await filtered({ Key: 'name', Values: ['testing1 one'] })).toEqual([]);
    expect(await filtered({ Key: 'name', Values: ['testing'] })).toEqual(['testing1/one']);
    expect(await filtered({ Key: 'name', Values: ['testing', 'Test'] })).toEqual(['Testing3', 'testing1/one']);
  });

  it('filters by description word by word, case-insensitively (AWS-validated)', async () => {
    for (const [name, description] of [['s1', 'a secret'], ['s2', 'an secret'], ['s3', 'asecret'], ['s4', 'thesecret']]) {
      await createSecret(server.sm(), { Name: name, Description: description });
    }
    expect(await filtered({ Key: 'description', Values: ['a'] })).toEqual(['s1', 's2', 's3']);
    expect(await filtered({ Key: 'description', Values: ['A SECRET'] })).toEqual(['s1', 's2']);
    expect(await filtered({ Key: 'description', Values: ['!a'] })).toEqual(['s4']);
    expect(await filtered({ Key: 'description', Values: ['!c'] })).toEqual(['s1', 's2', 's3', 's4']);
    expect(await filtered({ Key: 'description', Values: ['a'] }, { Key: 'name', Values: ['secret'] })).toEqual([]);
  });

  it('filters by tag key and value, primary region, and `all` across fields', async () => {
    await createSecret(server.sm(), { Name: 'credsDatabase', Tags: [{ Key: 'Env', Value: 'prod-eu' }] });
    await createSecret(server.sm(), { Name: 'other', Description: 'database 892', Tags: [{ Key: 'team', Value: 'Payments' }] });
    expect(await filtered({ Key: 'tag-key', Values: ['En'] })).toEqual(['credsDatabase']);
    expect(await filtered({ Key: 'tag-key', Values: ['env'] })).toEqual([]);
    expect(await filtered({ Key: 'tag-value', Values: ['Pay'] })).toEqual(['other']);
    // A secret that is not replicated has no PrimaryRegion, so the filter finds none of these.
    expect(await filtered({ Key: 'primary-region', Values: ['us-east'] })).toEqual([]);
    expect(await filtered({ Key: 'primary-region', Values: ['!us-east'] })).toEqual(['credsDatabase', 'other']);
    expect(await filtered({ Key: 'owning-service', Values: ['rds'] })).toEqual([]);
    expect(await filtered({ Key: 'all', Values: ['DATABASE'] })).toEqual(['credsDatabase', 'other']);
    expect(await filtered({ Key: 'all', Values: ['creds/892'] })).toEqual([]);
    expect(await filtered({ Key: 'all', Values: ['data.892'] })).toEqual(['other']);
    expect(await filtered({ Key: 'all', Values: ['prod'] })).toEqual(['credsDatabase']);
  });

  it('answers validation errors for filter keys and values', async () => {
    expect(await awsError(() => list({ Filters: [{ Key: 'colour' as Filter['Key'], Values: ['x'] }] }))).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'colour' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [description, name, tag-key, tag-value, primary-region, owning-service, all]",
      status: 400,
    });
    expect(await awsError(() => list({ MaxResults: 0 }))).toMatchObject({ name: 'ValidationException' });
  });

  it('reflects new versions in SecretVersionsToStages', async () => {
    const t = token();
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'w', ClientRequestToken: t }));
    expect((await list()).SecretList![0].SecretVersionsToStages![t]).toEqual(['AWSCURRENT']);
  });

  it('answers a changed secret at once, though its entry and description were answered (and kept) before', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v', Description: 'first' });
    const describeSecret = () => server.raw('secretsmanager.DescribeSecret', JSON.stringify({ SecretId: 's' }));
    for (let i = 0; i < 2; i++) {
      expect((await list()).SecretList![0].Description).toBe('first');
      expect((await describeSecret()).json.Description).toBe('first');
    }
    await server.sm().send(new UpdateSecretCommand({ SecretId: 's', Description: 'second' }));
    expect((await list()).SecretList![0].Description).toBe('second');
    expect((await describeSecret()).json.Description).toBe('second');
  });
});
