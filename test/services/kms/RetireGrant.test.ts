import { ListGrantsCommand, RetireGrantCommand, ScheduleKeyDeletionCommand, type KMSClient } from '@aws-sdk/client-kms';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsError, startServer, useServer } from '../../helpers/server';
import { createGrant } from './grant-support';
import { createKey, freshAccount } from './key-management';

const server = useServer();

const grantIds = async (kms: KMSClient, KeyId: string) => (await kms.send(new ListGrantsCommand({ KeyId }))).Grants!.map((g) => g.GrantId);

describe('RetireGrant', () => {
  it('retires a grant by its token, or by key id and grant id', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const byToken = await createGrant(kms, key.KeyId!);
    const byId = await createGrant(kms, key.KeyId!);
    const kept = await createGrant(kms, key.KeyId!);
    await kms.send(new RetireGrantCommand({ GrantToken: byToken.GrantToken }));
    await kms.send(new RetireGrantCommand({ KeyId: key.Arn, GrantId: byId.GrantId }));
    expect(await grantIds(kms, key.KeyId!)).toEqual([kept.GrantId]);
  });

  it('retires grants of keys in any state, pending deletion included', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const { GrantToken } = await createGrant(kms, key.KeyId!);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    await kms.send(new RetireGrantCommand({ GrantToken }));
    expect(await grantIds(kms, key.KeyId!)).toEqual([]);
  });

  it('refuses an unknown grant, a malformed token and a request naming no grant', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const { GrantToken, GrantId } = await createGrant(kms, key.KeyId!);
    await kms.send(new RetireGrantCommand({ GrantToken }));
    expect(await awsError(() => kms.send(new RetireGrantCommand({ GrantToken })))).toEqual({
      name: 'InvalidGrantIdException',
      message: `Grant ID ${GrantId} not found`,
      status: 400,
    });
    expect(await awsError(() => kms.send(new RetireGrantCommand({ KeyId: key.KeyId, GrantId })))).toMatchObject({ name: 'InvalidGrantIdException' });
    expect(await awsError(() => kms.send(new RetireGrantCommand({ GrantToken: 'garbage' })))).toEqual({
      name: 'InvalidGrantTokenException',
      message: 'The grant token is malformed or expired.',
      status: 400,
    });
    for (const input of [{}, { KeyId: key.KeyId }, { GrantId }]) {
      expect(await awsError(() => kms.send(new RetireGrantCommand(input)))).toEqual({
        name: 'ValidationException',
        message: 'Grant token OR (grant ID, key ID) must be specified',
        status: 400,
      });
    }
  });

  it('answers DryRun after the checks, retiring nothing', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const { GrantToken, GrantId } = await createGrant(kms, key.KeyId!);
    expect(await awsError(() => kms.send(new RetireGrantCommand({ GrantToken, DryRun: true })))).toMatchObject({ name: 'DryRunOperationException' });
    expect(await grantIds(kms, key.KeyId!)).toEqual([GrantId]);
  });

  it('retires by a token issued before a restart on the same data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-grants-'));
    try {
      let disk = await startServer({ inMemory: false, dataDir });
      const kms = disk.kms();
      const key = await createKey(kms);
      const { GrantToken } = await createGrant(kms, key.KeyId!);
      await disk.close();
      disk = await startServer({ inMemory: false, dataDir });
      try {
        const again = disk.kms();
        expect(await grantIds(again, key.KeyId!)).toHaveLength(1);
        await again.send(new RetireGrantCommand({ GrantToken }));
        expect(await grantIds(again, key.KeyId!)).toEqual([]);
      } finally {
        await disk.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
