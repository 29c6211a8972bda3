import { BatchGetSecretValueCommand, DeleteSecretCommand, type BatchGetSecretValueCommandInput } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { createSecret, token } from './helpers';

const server = useServer({ reset: 'each' });

const batch = (input: BatchGetSecretValueCommandInput) => server.sm().send(new BatchGetSecretValueCommand(input));

describe('BatchGetSecretValue', () => {
  it('reads the AWSCURRENT value of each listed secret, and reports the ones it cannot read in Errors', async () => {
    const t = token();
    const a = await createSecret(server.sm(), { Name: 'app/a', SecretString: 'A', ClientRequestToken: t });
    await createSecret(server.sm(), { Name: 'app/b', SecretBinary: Buffer.from('B') });
    await createSecret(server.sm(), { Name: 'app/empty' });
    await createSecret(server.sm(), { Name: 'app/deleted', SecretString: 'D' });
    await server.sm().send(new DeleteSecretCommand({ SecretId: 'app/deleted' }));
    const res = await batch({ SecretIdList: [a.ARN!, 'app/b', 'app/missing', 'app/empty', 'app/deleted', 'bad name'] });
    expect(res.SecretValues!.map((v) => [v.Name, v.SecretString ?? Buffer.from(v.SecretBinary!).toString()])).toEqual([
      ['app/a', 'A'],
      ['app/b', 'B'],
    ]);
    expect(res.SecretValues![0]).toMatchObject({ ARN: a.ARN, VersionId: t, VersionStages: ['AWSCURRENT'] });
    expect(res.Errors).toEqual([
      { SecretId: 'app/missing', ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." },
      { SecretId: 'app/empty', ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT" },
      { SecretId: 'app/deleted', ErrorCode: 'InvalidRequestException', Message: "You can't perform this operation on the secret because it was marked for deletion." },
      { SecretId: 'bad name', ErrorCode: 'ValidationException', Message: 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!' },
    ]);
  });

  it('reads the secrets that match filters, page by page', async () => {
    for (let i = 0; i < 5; i++) await createSecret(server.sm(), { Name: `team/s${i}`, SecretString: `v${i}` });
    await createSecret(server.sm(), { Name: 'other', SecretString: 'x' });
    const seen: string[] = [];
    let next: string | undefined;
    do {
      const res = await batch({ Filters: [{ Key: 'name', Values: ['team/'] }], MaxResults: 2, NextToken: next });
      expect(res.SecretValues!.length).toBeLessThanOrEqual(2);
      seen.push(...res.SecretValues!.map((v) => v.SecretString!));
      next = res.NextToken;
    } while (next);
    expect(seen).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
  });

  it('answers AWS errors', async () => {
    const either = { name: 'InvalidParameterException', message: "Either 'SecretIdList' or 'Filters' must be provided, but not both.", status: 400 };
    expect(await awsError(() => batch({}))).toEqual(either);
    expect(await awsError(() => batch({ SecretIdList: ['a'], Filters: [{ Key: 'name', Values: ['a'] }] }))).toEqual(either);
    expect(await awsError(() => batch({ SecretIdList: ['a'], MaxResults: 5 }))).toEqual({
      name: 'InvalidParameterException',
      message: "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.",
      status: 400,
    });
    expect(await awsError(() => batch({ SecretIdList: Array.from({ length: 21 }, (_, i) => `s${i}`) }))).toMatchObject({ name: 'ValidationException' });
  });
});
