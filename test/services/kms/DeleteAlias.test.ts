import { CreateAliasCommand, DeleteAliasCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, awsError, REGION, useServer } from '../../helpers/server';
import { createKey, describeKey } from './key-management';

const server = useServer();

const remove = (AliasName: string) => server.kms().send(new DeleteAliasCommand({ AliasName }));

describe('DeleteAlias', () => {
  it('deletes the alias, not the key, and answers an empty body', async () => {
    const key = await createKey(server.kms());
    await server.kms().send(new CreateAliasCommand({ AliasName: 'alias/gone', TargetKeyId: key.KeyId }));
    const raw = await server.raw('TrentService.DeleteAlias', JSON.stringify({ AliasName: 'alias/gone' }));
    expect({ status: raw.status, text: raw.text }).toEqual({ status: 200, text: '{}' });
    expect((await awsError(() => describeKey(server.kms(), 'alias/gone'))).message).toBe(`Alias arn:aws:kms:${REGION}:${ACCOUNT}:alias/gone is not found.`);
    expect((await describeKey(server.kms(), key.KeyId!)).KeyState).toBe('Enabled');
  });

  it('works when the key is pending deletion', async () => {
    const key = await createKey(server.kms());
    await server.kms().send(new CreateAliasCommand({ AliasName: 'alias/of-doomed', TargetKeyId: key.KeyId }));
    await server.kms().send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    await remove('alias/of-doomed');
    expect((await awsError(() => describeKey(server.kms(), 'alias/of-doomed'))).name).toBe('NotFoundException');
  });

  it('names an unknown alias by its ARN', async () => {
    expect(await awsError(() => remove('alias/never'))).toEqual({
      name: 'NotFoundException',
      message: `Alias arn:aws:kms:${REGION}:${ACCOUNT}:alias/never is not found.`,
      status: 400,
    });
  });

  it('applies the alias name rules and protects alias/aws/', async () => {
    expect((await awsError(() => remove('never'))).message).toBe(
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
    await describeKey(server.kms(), 'alias/aws/s3');
    expect((await awsError(() => remove('alias/aws/s3'))).name).toBe('NotAuthorizedException');
    expect((await describeKey(server.kms(), 'alias/aws/s3')).KeyManager).toBe('AWS');
  });
});
