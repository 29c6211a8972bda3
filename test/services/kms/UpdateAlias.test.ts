import { CreateAliasCommand, ListAliasesCommand, ScheduleKeyDeletionCommand, UpdateAliasCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, advanceClock, awsError, REGION, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, describeKey, freshAccount, pendingDeletionKey } from './key-management';

const server = useServer();

const update = (AliasName: string, TargetKeyId: string) => server.kms().send(new UpdateAliasCommand({ AliasName, TargetKeyId }));
let aliases = 0;
async function aliasFor(KeyId: string): Promise<string> {
  aliases += 1;
  const AliasName = `alias/update-${aliases}`;
  await server.kms().send(new CreateAliasCommand({ AliasName, TargetKeyId: KeyId }));
  return AliasName;
}

describe('UpdateAlias', () => {
  it('points the alias at another key and moves LastUpdatedDate only', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const [first, second] = [await createKey(kms), await createKey(kms)];
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: first.KeyId }));
    await advanceClock(server, 3600);
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: second.Arn }));
    expect((await describeKey(kms, 'alias/moving')).KeyId).toBe(second.KeyId);
    const [entry] = (await kms.send(new ListAliasesCommand({ KeyId: second.KeyId }))).Aliases!;
    expect(entry.LastUpdatedDate!.getTime() - entry.CreationDate!.getTime()).toBeGreaterThanOrEqual(3600_000);
    expect((await kms.send(new ListAliasesCommand({ KeyId: first.KeyId }))).Aliases).toEqual([]);
  });

  it('moves an alias away from a key pending deletion', async () => {
    const old = await createKey(server.kms());
    const name = await aliasFor(old.KeyId!);
    await server.kms().send(new ScheduleKeyDeletionCommand({ KeyId: old.KeyId }));
    const next = await createKey(server.kms());
    await update(name, next.KeyId!);
    expect((await describeKey(server.kms(), name)).KeyId).toBe(next.KeyId);
  });

  it('rejects a new target pending deletion', async () => {
    const name = await aliasFor((await createKey(server.kms())).KeyId!);
    const doomed = await pendingDeletionKey(server.kms());
    expect(await awsError(() => update(name, doomed.KeyId!))).toEqual({ name: 'KMSInvalidStateException', message: `${doomed.Arn} is pending deletion.`, status: 400 });
  });

  it.each([
    ['a key of another type', { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' } as const],
    ['an HMAC key', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' } as const],
  ])('will not move a symmetric key alias to %s', async (_, spec) => {
    const name = await aliasFor((await createKey(server.kms())).KeyId!);
    const other = await createKey(server.kms(), spec);
    expect(await awsError(() => update(name, other.KeyId!))).toEqual({
      name: 'ValidationException',
      message: `arn:aws:kms:${REGION}:${ACCOUNT}:${name} cannot be pointed at ${other.Arn}: the current and the new key must have the same key type and key usage.`,
      status: 400,
    });
  });

  it('moves between asymmetric keys of the same usage, and not across usages', async () => {
    const name = await aliasFor((await createKey(server.kms(), { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })).KeyId!);
    const rsa = await createKey(server.kms(), { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    await update(name, rsa.KeyId!);
    const agreement = await createKey(server.kms(), { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
    expect((await awsError(() => update(name, agreement.KeyId!))).name).toBe('ValidationException');
  });

  it('names an unknown alias by its ARN', async () => {
    const key = await createKey(server.kms());
    expect(await awsError(() => update('alias/none', key.KeyId!))).toEqual({
      name: 'NotFoundException',
      message: `Alias arn:aws:kms:${REGION}:${ACCOUNT}:alias/none is not found.`,
      status: 400,
    });
  });

  it('applies the alias name rules', async () => {
    const key = await createKey(server.kms());
    expect((await awsError(() => update('none', key.KeyId!))).message).toBe(
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
    expect((await awsError(() => update('alias/aws/s3', key.KeyId!))).name).toBe('NotAuthorizedException');
  });

  it('does not point aliases at AWS managed keys', async () => {
    const name = await aliasFor((await createKey(server.kms())).KeyId!);
    const managed = await awsManagedKey(server.kms(), 'dynamodb');
    expect((await awsError(() => update(name, managed.KeyId!))).message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: kms:UpdateAlias on resource: ${managed.Arn} because no resource-based policy allows the kms:UpdateAlias action`,
    );
  });
});
