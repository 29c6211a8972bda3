import { CreateAliasCommand, ListAliasesCommand, ListKeysCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { advanceClock, awsError, useServer } from '../../helpers/server';
import { awsManagedKey, createKey, DAY, describeKey, freshAccount, pendingImportKey } from './key-management';

const server = useServer();

const schedule = (KeyId: string, PendingWindowInDays?: number) => server.kms().send(new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays }));

describe('ScheduleKeyDeletion', () => {
  it('schedules deletion in 30 days by default and answers with the key ARN', async () => {
    const key = await createKey(server.kms());
    const before = Date.now();
    const res = await schedule(key.KeyId!);
    expect(res).toMatchObject({ KeyId: key.Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 30 });
    const due = res.DeletionDate!.getTime();
    expect(due).toBeGreaterThanOrEqual(before + 30 * DAY * 1000 - 1000);
    expect(due).toBeLessThanOrEqual(Date.now() + 30 * DAY * 1000 + 1000);
    expect(await describeKey(server.kms(), key.KeyId!)).toMatchObject({ KeyState: 'PendingDeletion', Enabled: false, DeletionDate: res.DeletionDate });
  });

  it('accepts 7 to 30 days, for disabled and pending-import keys too', async () => {
    const importing = await pendingImportKey(server.kms());
    expect((await schedule(importing.Arn!, 7)).PendingWindowInDays).toBe(7);
  });

  it.each([6, 31, 365])('rejects %i days: the service enforces 7 to 30', async (days) => {
    const key = await createKey(server.kms());
    expect(await awsError(() => schedule(key.KeyId!, days))).toEqual({ name: 'ValidationException', message: 'PendingWindowInDays must be between 7 and 30', status: 400 });
    expect((await describeKey(server.kms(), key.KeyId!)).KeyState).toBe('Enabled');
  });

  it('rejects 0 and 366 with the model message', async () => {
    const key = await createKey(server.kms());
    expect((await awsError(() => schedule(key.KeyId!, 0))).message).toBe(
      "1 validation error detected: Value '0' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect((await awsError(() => schedule(key.KeyId!, 366))).message).toBe(
      "1 validation error detected: Value '366' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 365",
    );
  });

  it('rejects a second schedule', async () => {
    const key = await createKey(server.kms());
    await schedule(key.KeyId!);
    expect(await awsError(() => schedule(key.KeyId!))).toEqual({ name: 'KMSInvalidStateException', message: `${key.Arn} is pending deletion.`, status: 400 });
  });

  it('denies AWS managed keys', async () => {
    const key = await awsManagedKey(server.kms(), 'sqs');
    expect(await awsError(() => schedule(key.KeyId!))).toMatchObject({ name: 'AccessDeniedException' });
  });

  it('purges the key and its aliases once the emulated clock passes DeletionDate', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const doomed = await createKey(kms);
    const kept = await createKey(kms);
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: doomed.KeyId }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/doomed-too', TargetKeyId: doomed.KeyId }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/kept', TargetKeyId: kept.KeyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));

    await advanceClock(server, 7 * DAY - 60);
    expect((await describeKey(kms, doomed.KeyId!)).KeyState).toBe('PendingDeletion');

    await advanceClock(server, 120);
    expect(await awsError(() => describeKey(kms, doomed.KeyId!))).toEqual({ name: 'NotFoundException', message: `Key '${doomed.Arn}' does not exist`, status: 400 });
    const { Keys } = await kms.send(new ListKeysCommand({}));
    expect(Keys!.map((k) => k.KeyId)).toEqual([kept.KeyId]);
    const { Aliases } = await kms.send(new ListAliasesCommand({}));
    expect(Aliases!.filter((a) => a.TargetKeyId).map((a) => a.AliasName)).toEqual(['alias/kept']);
    expect((await describeKey(kms, 'alias/kept')).KeyId).toBe(kept.KeyId);
  });
});
