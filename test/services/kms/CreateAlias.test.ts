import { CreateAliasCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, awsError, REGION, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, describeKey, freshAccount, pendingDeletionKey, pendingImportKey } from './key-management';

const server = useServer();

const create = (AliasName: string, TargetKeyId: string) => server.kms().send(new CreateAliasCommand({ AliasName, TargetKeyId }));

describe('CreateAlias', () => {
  it('creates an alias that identifies the key, with creation dates', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const before = Math.floor(Date.now() / 1000) * 1000;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/my-app_key/1', TargetKeyId: key.Arn }));
    expect((await describeKey(kms, 'alias/my-app_key/1')).KeyId).toBe(key.KeyId);
    const { Aliases } = await kms.send(new ListAliasesCommand({ KeyId: key.KeyId }));
    expect(Aliases).toEqual([
      {
        AliasName: 'alias/my-app_key/1',
        AliasArn: `arn:aws:kms:${REGION}:${key.AWSAccountId}:alias/my-app_key/1`,
        TargetKeyId: key.KeyId,
        CreationDate: expect.any(Date),
        LastUpdatedDate: expect.any(Date),
      },
    ]);
    expect(Aliases![0].CreationDate!.getTime()).toBeGreaterThanOrEqual(before);
    expect(Aliases![0].LastUpdatedDate).toEqual(Aliases![0].CreationDate);
  });

  it('lets a key have several aliases, also when disabled or pending import', async () => {
    const key = await pendingImportKey(server.kms());
    await create('alias/import-a', key.KeyId!);
    await create('alias/import-b', key.KeyId!);
    expect((await describeKey(server.kms(), 'alias/import-b')).KeyId).toBe(key.KeyId);
  });

  it('requires the alias/ prefix', async () => {
    const key = await createKey(server.kms());
    expect(await awsError(() => create('my-alias', key.KeyId!))).toEqual({
      name: 'ValidationException',
      message: 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
      status: 400,
    });
  });

  it('rejects a colon, which the model pattern allows', async () => {
    const key = await createKey(server.kms());
    expect(await awsError(() => create('alias/Service:Test', key.KeyId!))).toEqual({
      name: 'ValidationException',
      message: 'alias/Service:Test contains invalid characters for an alias',
      status: 400,
    });
  });

  it('rejects characters outside the model pattern', async () => {
    const key = await createKey(server.kms());
    expect((await awsError(() => create('alias/a.b', key.KeyId!))).message).toBe(
      "1 validation error detected: Value 'alias/a.b' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    );
  });

  it('reserves alias/aws/ for AWS managed keys', async () => {
    const key = await createKey(server.kms());
    expect((await awsError(() => create('alias/aws/mine', key.KeyId!))).name).toBe('NotAuthorizedException');
    // No message at all, so the SDK has none to show.
    const raw = await server.raw('TrentService.CreateAlias', JSON.stringify({ AliasName: 'alias/aws/s3', TargetKeyId: key.KeyId }));
    expect({ status: raw.status, body: raw.json }).toEqual({ status: 400, body: { __type: 'NotAuthorizedException' } });
  });

  it('rejects a name that exists, naming the alias ARN', async () => {
    const key = await createKey(server.kms());
    await create('alias/taken', key.KeyId!);
    const other = await createKey(server.kms());
    expect(await awsError(() => create('alias/taken', other.KeyId!))).toEqual({
      name: 'AlreadyExistsException',
      message: `An alias with the name arn:aws:kms:${REGION}:${ACCOUNT}:alias/taken already exists`,
      status: 400,
    });
    expect((await describeKey(server.kms(), 'alias/taken')).KeyId).toBe(key.KeyId);
  });

  it('keeps names apart per region and is case-sensitive', async () => {
    const key = await createKey(server.kms());
    const west = await createKey(server.kms({ region: 'eu-west-1' }));
    await create('alias/per-region', key.KeyId!);
    await server.kms({ region: 'eu-west-1' }).send(new CreateAliasCommand({ AliasName: 'alias/per-region', TargetKeyId: west.KeyId }));
    await create('alias/Per-Region', key.KeyId!);
    expect((await describeKey(server.kms({ region: 'eu-west-1' }), 'alias/per-region')).KeyId).toBe(west.KeyId);
  });

  it('needs an existing key of the same account and region', async () => {
    const id = '5f0b6c1e-0d7a-4c0e-9a61-3d2b1c0f9e8d';
    expect(await awsError(() => create('alias/orphan', id))).toEqual({ name: 'NotFoundException', message: `Key 'arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}' does not exist`, status: 400 });
    const other = await createKey(server.kms({ accessKeyId: '111122223333' }));
    expect((await awsError(() => create('alias/orphan', other.Arn!))).message).toBe(`Key '${other.Arn}' does not exist`);
    const west = await createKey(server.kms({ region: 'eu-west-1' }));
    expect((await awsError(() => create('alias/orphan', west.Arn!))).message).toBe('Invalid arn eu-west-1');
    expect((await awsError(() => create('alias/orphan', 'alias/taken'))).message).toBe("Invalid keyId 'alias/taken'");
  });

  it('rejects a target pending deletion', async () => {
    const key = await pendingDeletionKey(server.kms());
    expect(await awsError(() => create('alias/late', key.KeyId!))).toEqual({ name: 'KMSInvalidStateException', message: `${key.Arn} is pending deletion.`, status: 400 });
  });

  it('does not point aliases at AWS managed keys', async () => {
    const key = await awsManagedKey(server.kms(), 'lambda');
    expect(await awsError(() => create('alias/managed', key.KeyId!))).toEqual({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: kms:CreateAlias on resource: ${key.Arn} because no resource-based policy allows the kms:CreateAlias action`,
      status: 400,
    });
  });

  it('creates exactly one of two concurrent aliases with the same name', async () => {
    const [a, b] = await Promise.all([createKey(server.kms()), createKey(server.kms())]);
    const results = await Promise.allSettled([create('alias/race', a.KeyId!), create('alias/race', b.KeyId!)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });
});
