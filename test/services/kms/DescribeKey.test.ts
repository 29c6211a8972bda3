import { CreateKeyCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, awsError, REGION, useServer } from '../../helpers/server';

const server = useServer();

const describe_ = (KeyId: string, region?: string) => server.kms({ region }).send(new DescribeKeyCommand({ KeyId }));

describe('DescribeKey', () => {
  it('finds a key by id and by ARN', async () => {
    const { KeyMetadata: m } = await server.kms().send(new CreateKeyCommand({}));
    expect((await describe_(m!.KeyId!)).KeyMetadata!.Arn).toBe(m!.Arn);
    expect((await describe_(m!.Arn!)).KeyMetadata!.KeyId).toBe(m!.KeyId);
  });

  it.each(['fake-key-id', '134f2428cec14b25a1ae9048164dba47', 'mrk-fake-key-id', 'key_id'])('rejects the malformed id %s', async (id) => {
    expect(await awsError(() => describe_(id))).toEqual({ name: 'NotFoundException', message: `Invalid keyId '${id}'`, status: 400 });
  });

  it('names the missing key by ARN in the caller region', async () => {
    const id = '134f2428-cec1-4b25-a1ae-9048164dba47';
    expect(await awsError(() => describe_(id, 'ap-southeast-1'))).toEqual({
      name: 'NotFoundException',
      message: `Key 'arn:aws:kms:ap-southeast-1:${ACCOUNT}:key/${id}' does not exist`,
      status: 400,
    });
    const mrk = 'mrk-0123456789abcdef0123456789abcdef';
    expect((await awsError(() => describe_(mrk))).message).toBe(`Key 'arn:aws:kms:${REGION}:${ACCOUNT}:key/${mrk}' does not exist`);
  });

  it('does not find a key from another region, by id or by ARN', async () => {
    const { KeyMetadata: m } = await server.kms().send(new CreateKeyCommand({}));
    expect((await awsError(() => describe_(m!.KeyId!, 'eu-west-1'))).message).toBe(`Key 'arn:aws:kms:eu-west-1:${ACCOUNT}:key/${m!.KeyId}' does not exist`);
    expect(await awsError(() => describe_(m!.Arn!, 'eu-west-1'))).toEqual({ name: 'NotFoundException', message: `Invalid arn ${REGION}`, status: 400 });
  });

  it('reports an unknown alias by its ARN', async () => {
    expect(await awsError(() => describe_('alias/nope'))).toEqual({
      name: 'NotFoundException',
      message: `Alias arn:aws:kms:${REGION}:${ACCOUNT}:alias/nope is not found.`,
      status: 400,
    });
  });

  it('creates the AWS managed key behind alias/aws/<service> on first use', async () => {
    const first = await describe_('alias/aws/secretsmanager');
    expect(first.KeyMetadata).toMatchObject({ KeyManager: 'AWS', KeySpec: 'SYMMETRIC_DEFAULT', KeyState: 'Enabled' });
    const again = await describe_(`arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/secretsmanager`);
    expect(again.KeyMetadata!.KeyId).toBe(first.KeyMetadata!.KeyId);
  });

  it('keeps accounts apart: a 12-digit access key is its own account', async () => {
    const { KeyMetadata: m } = await server.kms({ accessKeyId: '111111111111' }).send(new CreateKeyCommand({}));
    expect(m!.AWSAccountId).toBe('111111111111');
    expect((await awsError(() => describe_(m!.KeyId!))).name).toBe('NotFoundException');
  });
});
