import { DeleteSecretCommand, DescribeSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, NOT_FOUND, token } from './helpers';

const server = useServer({ reset: 'each' });

const describe_ = (id: string) => server.sm().send(new DescribeSecretCommand({ SecretId: id }));

describe('DescribeSecret', () => {
  it('shows only what is set, as AWS (recorded shape of a fresh secret)', async () => {
    const v1 = token();
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'v', ClientRequestToken: v1 });
    const raw = await server.raw('secretsmanager.DescribeSecret', JSON.stringify({ SecretId: 's' }));
    expect(Object.keys(raw.json).sort()).toEqual(['ARN', 'CreatedDate', 'LastChangedDate', 'Name', 'VersionIdsToStages']);
    expect(raw.json).toMatchObject({ ARN, Name: 's', VersionIdsToStages: { [v1]: ['AWSCURRENT'] } });
    expect(typeof raw.json.CreatedDate).toBe('number');
  });

  it('lists only labelled versions in VersionIdsToStages', async () => {
    const v1 = token();
    await createSecret(server.sm(), { Name: 's', SecretString: 'v', ClientRequestToken: v1 });
    const v2 = token();
    const v3 = token();
    await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'v2', ClientRequestToken: v2 }));
    await server.sm().send(new PutSecretValueCommand({ SecretId: 's', SecretString: 'v3', ClientRequestToken: v3 }));
    expect((await describe_('s')).VersionIdsToStages).toEqual({ [v2]: ['AWSPREVIOUS'], [v3]: ['AWSCURRENT'] });
  });

  it('works on a secret marked for deletion and shows DeletedDate', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    const before = Date.now();
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    const deleted = (await describe_('s')).DeletedDate!;
    expect(deleted.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(deleted.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('answers AWS errors', async () => {
    expect(await awsError(() => describe_('nope'))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => describe_(name))).toEqual(INVALID_NAME);
  });
});
