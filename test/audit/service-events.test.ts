// The events the services record for work they do themselves (eventType AwsServiceEvent), as
// AWS's documented entries show them: Secrets Manager's rotation events and the end of a
// secret's recovery window, KMS's DeleteKey at the end of the waiting period, RotateKey for
// automatic and on-demand rotation, DeleteExpiredKeyMaterial when imported material expires.
import { randomBytes } from 'node:crypto';
import { ScheduleKeyDeletionCommand, EnableKeyRotationCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, DeleteSecretCommand, RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { TrailEvent } from '../../src/audit/types';
import { waitForJobs } from '../jobs/helpers';
import { ACCOUNT, REGION, advanceClock, useServer } from '../helpers/server';
import { templateRotation, type StepRecord } from '../rotation/helpers';
import { importMaterial } from '../services/kms/import-support';
import { createKey } from '../services/kms/key-management';
import { currentMaterialId, rotateOnDemand } from '../services/kms/rotation-support';

const DAY = 86_400;
const LAMBDA = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:rotator`;
const BROKEN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:broken`;
const steps: StepRecord[] = [];

const server = useServer({
  reset: 'each',
  clock: 'reset',
  options: { rotationFunctions: { rotator: templateRotation(steps), broken: templateRotation(steps, { failAt: 'setSecret' }) } },
});

/** The service events recorded so far, oldest first. */
async function serviceEvents(): Promise<TrailEvent[]> {
  const events: TrailEvent[] = [];
  for await (const event of server.strongroom.trail.export({})) if (event.eventType === 'AwsServiceEvent') events.push(event);
  return events;
}

/** A service event of the resource's account and region, the service its caller (the rest of the record is events.test.ts's). */
const serviceEventOf = (eventSource: string, eventName: string, caller: string) => ({
  userIdentity: { accountId: ACCOUNT, invokedBy: caller },
  eventSource,
  eventName,
  awsRegion: REGION,
  eventType: 'AwsServiceEvent',
  recipientAccountId: ACCOUNT,
});

describe('Secrets Manager', () => {
  const SM = 'secretsmanager.amazonaws.com';
  const secretEvent = (eventName: string, arn: string) => ({ ...serviceEventOf(SM, eventName, SM), additionalEventData: { SecretId: arn } });

  async function rotate(lambda: string, RotateImmediately = true) {
    const sm = server.sm();
    const { ARN } = await sm.send(new CreateSecretCommand({ Name: 'db', SecretString: JSON.stringify({ password: 'first' }) }));
    const { VersionId } = await sm.send(new RotateSecretCommand({ SecretId: 'db', RotationLambdaARN: lambda, RotateImmediately }));
    await waitForJobs(server);
    return { arn: ARN!, token: VersionId! };
  }

  it('records RotationStarted and RotationSucceeded for a rotation, named by the secret and its token', async () => {
    const { arn, token } = await rotate(LAMBDA);
    const events = await serviceEvents();
    expect(events).toMatchObject([secretEvent('RotationStarted', arn), secretEvent('RotationSucceeded', arn)]);
    for (const event of events) {
      expect(event.requestID).toBe(`Rotation-${arn}-${token}`);
      expect(event).not.toHaveProperty('resources');
      expect(event).not.toHaveProperty('errorMessage');
    }
  });

  it('records RotationFailed with the function and the step that failed', async () => {
    const { arn } = await rotate(BROKEN);
    const events = await serviceEvents();
    expect(events).toMatchObject([
      secretEvent('RotationStarted', arn),
      { ...secretEvent('RotationFailed', arn), errorMessage: `Error when executing lambda ${BROKEN} during setSecret step` },
    ]);
    expect(events[1]).not.toHaveProperty('errorCode');
  });

  it('records TestRotation… events for a rotation that only tests the function (RotateImmediately false)', async () => {
    const { arn } = await rotate(LAMBDA, false);
    expect(await serviceEvents()).toMatchObject([secretEvent('TestRotationStarted', arn), secretEvent('TestRotationSucceeded', arn)]);
  });

  it('records EndSecretVersionDelete when the recovery window ends and the secret is purged, not before', async () => {
    const sm = server.sm();
    const { ARN } = await sm.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'v' }));
    await sm.send(new DeleteSecretCommand({ SecretId: 'gone', RecoveryWindowInDays: 7 }));
    await advanceClock(server, 6 * DAY);
    expect(await serviceEvents()).toEqual([]);
    await advanceClock(server, DAY + 1);
    const events = await serviceEvents();
    expect(events).toMatchObject([secretEvent('EndSecretVersionDelete', ARN!)]);
    expect(Date.parse(events[0].eventTime)).toBeGreaterThan(Date.now() + 7 * DAY * 1000 - 60_000);
  });
});

describe('KMS', () => {
  const KMS = 'kms.amazonaws.com';
  const keyEvent = (eventName: string, arn: string) => ({ ...serviceEventOf(KMS, eventName, 'AWS Internal'), resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: arn }] });

  it('records DeleteKey when the waiting period ends', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    await advanceClock(server, 6 * DAY);
    expect(await serviceEvents()).toEqual([]);
    await advanceClock(server, DAY + 1);
    const events = await serviceEvents();
    expect(events).toMatchObject([keyEvent('DeleteKey', key.Arn!)]);
    expect(events[0]).not.toHaveProperty('serviceEventDetails');
  });

  it('records RotateKey for an automatic rotation, with the materials before and after', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    const before = await currentMaterialId(kms, key.KeyId!);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    await advanceClock(server, 90 * DAY + 1);
    expect(await serviceEvents()).toMatchObject([
      {
        ...keyEvent('RotateKey', key.Arn!),
        serviceEventDetails: { rotationType: 'AUTOMATIC', keyOrigin: 'AWS_KMS', previousKeyMaterialId: before, currentKeyMaterialId: await currentMaterialId(kms, key.KeyId!), keyId: key.KeyId },
      },
    ]);
  });

  it('records RotateKey for an on-demand rotation too', async () => {
    const kms = server.kms();
    const key = await createKey(kms);
    const before = await currentMaterialId(kms, key.KeyId!);
    await rotateOnDemand(kms, key.KeyId!);
    const after = await currentMaterialId(kms, key.KeyId!);
    expect(after).not.toBe(before);
    expect(await serviceEvents()).toMatchObject([
      { ...keyEvent('RotateKey', key.Arn!), serviceEventDetails: { rotationType: 'ON_DEMAND', keyOrigin: 'AWS_KMS', previousKeyMaterialId: before, currentKeyMaterialId: after, keyId: key.KeyId } },
    ]);
  });

  it('records DeleteExpiredKeyMaterial when imported material expires', async () => {
    const kms = server.kms();
    const key = await createKey(kms, { Origin: 'EXTERNAL' });
    await importMaterial(kms, key.KeyId!, randomBytes(32), { request: { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: new Date(Date.now() + 2 * DAY * 1000) } });
    const material = await currentMaterialId(kms, key.KeyId!);
    await advanceClock(server, DAY);
    expect(await serviceEvents()).toEqual([]);
    await advanceClock(server, DAY + 1);
    expect(await serviceEvents()).toMatchObject([{ ...keyEvent('DeleteExpiredKeyMaterial', key.Arn!), serviceEventDetails: { keyId: key.KeyId, keyMaterialId: material } }]);
  });
});
