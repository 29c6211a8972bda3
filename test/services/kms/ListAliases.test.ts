import { CreateAliasCommand, ListAliasesCommand, type AliasListEntry, type KMSClient } from '@aws-sdk/client-kms';
import { awsError, REGION, useServer } from '../../helpers/server';
import { createKey, describeKey, freshAccount } from './key-management';

const server = useServer();

/** Every alias, following NextMarker page by page. */
async function listAll(kms: KMSClient, Limit?: number, KeyId?: string): Promise<{ aliases: AliasListEntry[]; pages: number }> {
  const aliases: AliasListEntry[] = [];
  let Marker: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await kms.send(new ListAliasesCommand({ Limit, Marker, KeyId }));
    pages += 1;
    aliases.push(...page.Aliases!);
    if (!page.Truncated) {
      expect(page.NextMarker).toBeUndefined();
      return { aliases, pages };
    }
    Marker = page.NextMarker;
  }
}

describe('ListAliases', () => {
  it('lists the predefined AWS aliases with name and ARN only until their key exists', async () => {
    const account = freshAccount();
    const kms = server.kms({ accessKeyId: account });
    const { Aliases, Truncated } = await kms.send(new ListAliasesCommand({}));
    expect(Truncated).toBe(false);
    const s3 = Aliases!.find((a) => a.AliasName === 'alias/aws/s3');
    expect(s3).toEqual({ AliasName: 'alias/aws/s3', AliasArn: `arn:aws:kms:${REGION}:${account}:alias/aws/s3` });
    expect(Aliases!.every((a) => a.AliasName!.startsWith('alias/aws/') && a.TargetKeyId === undefined)).toBe(true);

    const managed = await describeKey(kms, 'alias/aws/s3');
    const after = (await kms.send(new ListAliasesCommand({}))).Aliases!;
    expect(after.filter((a) => a.AliasName === 'alias/aws/s3')).toEqual([
      { AliasName: 'alias/aws/s3', AliasArn: s3!.AliasArn, TargetKeyId: managed.KeyId, CreationDate: expect.any(Date), LastUpdatedDate: expect.any(Date) },
    ]);
    expect(after).toHaveLength(Aliases!.length);
  });

  it('lists customer and AWS aliases in name order, page by page', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    for (const name of ['alias/zeta', 'alias/alpha', 'alias/b/nested', 'alias/awsome']) {
      await kms.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: key.KeyId }));
    }
    await describeKey(kms, 'alias/aws/secretsmanager');
    const whole = (await kms.send(new ListAliasesCommand({}))).Aliases!.map((a) => a.AliasName!);
    expect(whole).toEqual([...whole].sort());
    expect(whole).toEqual(expect.arrayContaining(['alias/alpha', 'alias/awsome', 'alias/aws/secretsmanager', 'alias/b/nested', 'alias/zeta']));
    for (const limit of [1, 3, 7]) {
      const { aliases, pages } = await listAll(kms, limit);
      expect(aliases.map((a) => a.AliasName)).toEqual(whole);
      // A page that ends the list says so: no empty last page.
      expect(pages).toBe(Math.ceil(whole.length / limit));
    }
  });

  it('filters by key id or key ARN', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const [a, b] = [await createKey(kms), await createKey(kms)];
    for (const [name, key] of [['alias/a1', a], ['alias/b1', b], ['alias/a2', a], ['alias/a3', a]] as const) {
      await kms.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: key.KeyId }));
    }
    expect((await kms.send(new ListAliasesCommand({ KeyId: a.Arn }))).Aliases!.map((x) => x.AliasName)).toEqual(['alias/a1', 'alias/a2', 'alias/a3']);
    const { aliases } = await listAll(kms, 2, a.KeyId);
    expect(aliases.map((x) => [x.AliasName, x.TargetKeyId])).toEqual([
      ['alias/a1', a.KeyId],
      ['alias/a2', a.KeyId],
      ['alias/a3', a.KeyId],
    ]);
    expect((await kms.send(new ListAliasesCommand({ KeyId: (await createKey(kms)).KeyId }))).Aliases).toEqual([]);
  });

  it('lists the alias of an AWS managed key under its KeyId', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const managed = await describeKey(kms, 'alias/aws/ssm');
    expect((await kms.send(new ListAliasesCommand({ KeyId: managed.KeyId }))).Aliases!.map((a) => a.AliasName)).toEqual(['alias/aws/ssm']);
  });

  it('rejects an unknown or malformed KeyId', async () => {
    const kms = server.kms();
    expect((await awsError(() => kms.send(new ListAliasesCommand({ KeyId: '5f0b6c1e-0d7a-4c0e-9a61-3d2b1c0f9e8d' })))).name).toBe('NotFoundException');
    expect((await awsError(() => kms.send(new ListAliasesCommand({ KeyId: 'alias/x' })))).message).toBe("Invalid keyId 'alias/x'");
  });

  it('takes Limit 1 to 1000 (model)', async () => {
    expect((await awsError(() => server.kms().send(new ListAliasesCommand({ Limit: 0 }))))).toEqual({
      name: 'ValidationException',
      message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      status: 400,
    });
    expect((await awsError(() => server.kms().send(new ListAliasesCommand({ Limit: 1001 })))).message).toBe(
      "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
  });
});
