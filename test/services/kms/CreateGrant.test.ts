import { CreateGrantCommand, DecryptCommand, DisableKeyCommand, EncryptCommand, ListGrantsCommand, RetireGrantCommand } from '@aws-sdk/client-kms';
import { awsError, useServer } from '../../helpers/server';
import { createGrant, GRANTEE, RETIRER } from './grant-support';
import { createKey, freshAccount, pendingDeletionKey } from './key-management';

const server = useServer();

describe('CreateGrant', () => {
  it('answers a 64-hex grant id and a token shaped as AWS shapes them, and stores the grant', async () => {
    const account = freshAccount();
    const kms = server.kms({ accessKeyId: account });
    const key = await createKey(kms);
    const { GrantId, GrantToken } = await createGrant(kms, key.KeyId!, { RetiringPrincipal: RETIRER, Name: 'app-grant' });
    expect(GrantId).toMatch(/^[0-9a-f]{64}$/);
    // AWS's tokens are base64url: 0x01, then field 1 = the grant id in hex, then an encrypted blob.
    expect(GrantToken).toMatch(/^AQpA[A-Za-z0-9_-]+$/);
    expect(Buffer.from(GrantToken, 'base64url').subarray(3, 67).toString()).toBe(GrantId);
    const { Grants, Truncated } = await kms.send(new ListGrantsCommand({ KeyId: key.KeyId }));
    expect(Truncated).toBe(false);
    expect(Grants).toEqual([
      {
        KeyId: key.Arn,
        GrantId,
        Name: 'app-grant',
        CreationDate: expect.any(Date),
        GranteePrincipal: GRANTEE,
        RetiringPrincipal: RETIRER,
        IssuingAccount: `arn:aws:iam::${account}:root`,
        Operations: ['Encrypt', 'Decrypt'],
      },
    ]);
  });

  it('gives the same grant id (and a new token) for the same Name and parameters', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const other = await createKey(kms);
    const first = await createGrant(kms, key.KeyId!, { Name: 'retry-me' });
    const again = await createGrant(kms, key.KeyId!, { Name: 'retry-me', Operations: ['Decrypt', 'Encrypt'] });
    expect(again.GrantId).toBe(first.GrantId);
    expect(again.GrantToken).not.toBe(first.GrantToken);
    const different = await createGrant(kms, key.KeyId!, { Name: 'retry-me', Operations: ['Encrypt'] });
    expect(different.GrantId).not.toBe(first.GrantId);
    const onOtherKey = await createGrant(kms, other.KeyId!, { Name: 'retry-me' });
    expect(onOtherKey.GrantId).not.toBe(first.GrantId);
    const unnamed = [await createGrant(kms, key.KeyId!), await createGrant(kms, key.KeyId!)];
    expect(unnamed[0].GrantId).not.toBe(unnamed[1].GrantId);
    expect((await kms.send(new ListGrantsCommand({ KeyId: key.KeyId }))).Grants).toHaveLength(4);
  });

  it('accepts only the operations the key type allows', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const hmac = await createKey(kms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    await createGrant(kms, hmac.KeyId!, { Operations: ['GenerateMac', 'VerifyMac', 'DescribeKey', 'CreateGrant', 'RetireGrant'] });
    expect(await awsError(() => createGrant(kms, hmac.KeyId!, { Operations: ['GenerateMac', 'Encrypt', 'Sign'] }))).toEqual({
      name: 'ValidationException',
      message: 'Grant operations [Encrypt, Sign] are not valid for a HMAC_256 key with key usage GENERATE_VERIFY_MAC.',
      status: 400,
    });
    const signing = await createKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    await createGrant(kms, signing.KeyId!, { Operations: ['Sign', 'Verify', 'GetPublicKey'] });
    const symmetric = await createKey(kms);
    expect(await awsError(() => createGrant(kms, symmetric.KeyId!, { Operations: ['GetPublicKey'] }))).toMatchObject({ name: 'ValidationException' });
  });

  it('stores encryption-context constraints, and refuses them for keys whose operations take no context', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const Constraints = { EncryptionContextSubset: { Department: 'IT' }, EncryptionContextEquals: { Purpose: 'Test' } };
    const { GrantId } = await createGrant(kms, key.KeyId!, { Constraints });
    const { Grants } = await kms.send(new ListGrantsCommand({ KeyId: key.KeyId, GrantId }));
    expect(Grants![0].Constraints).toEqual(Constraints);
    const rsa = await createKey(kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    expect(await awsError(() => createGrant(kms, rsa.KeyId!, { Constraints: { EncryptionContextEquals: { a: 'b' } } }))).toEqual({
      name: 'ValidationException',
      message: 'Encryption context grant constraints are not supported for RSA_2048 keys.',
      status: 400,
    });
  });

  it('validates grantee and retiring principals', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    for (const principal of ['arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:user/a/b', 'arn:aws:sts::111122223333:assumed-role/r/session']) {
      await createGrant(kms, key.KeyId!, { GranteePrincipal: principal, RetiringPrincipal: principal });
    }
    expect(await awsError(() => createGrant(kms, key.KeyId!, { GranteePrincipal: 'not-a-principal' }))).toEqual({
      name: 'InvalidArnException',
      message: 'GranteePrincipal not-a-principal is not a valid principal ARN.',
      status: 400,
    });
    expect(await awsError(() => createGrant(kms, key.KeyId!, { RetiringPrincipal: 'arn:aws:iam::1:user/x' }))).toMatchObject({ name: 'InvalidArnException' });
    // A service principal is not a GranteePrincipal (it fails the ARN form); it goes in GranteeServicePrincipal.
    expect(await awsError(() => createGrant(kms, key.KeyId!, { GranteePrincipal: 'logs.amazonaws.com' }))).toMatchObject({ name: 'InvalidArnException' });
    expect(await awsError(() => kms.send(new CreateGrantCommand({ KeyId: key.KeyId, Operations: ['Encrypt'] })))).toEqual({
      name: 'ValidationException',
      message: 'Either GranteePrincipal or GranteeServicePrincipal must be specified.',
      status: 400,
    });
  });

  it('refuses unknown keys and keys that are not Enabled, with AWS state errors', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const disabled = await createKey(kms);
    await kms.send(new DisableKeyCommand({ KeyId: disabled.KeyId }));
    expect(await awsError(() => createGrant(kms, disabled.KeyId!))).toEqual({ name: 'DisabledException', message: `${disabled.Arn} is disabled.`, status: 400 });
    const deleting = await pendingDeletionKey(kms);
    expect(await awsError(() => createGrant(kms, deleting.KeyId!))).toEqual({ name: 'KMSInvalidStateException', message: `${deleting.Arn} is pending deletion.`, status: 400 });
    expect(await awsError(() => createGrant(kms, 'not-a-key'))).toEqual({ name: 'NotFoundException', message: "Invalid keyId 'not-a-key'", status: 400 });
  });

  it('answers DryRun after the checks, creating nothing', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    expect(await awsError(() => createGrant(kms, key.KeyId!, { DryRun: true }))).toEqual({
      name: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
      status: 400,
    });
    expect((await kms.send(new ListGrantsCommand({ KeyId: key.KeyId }))).Grants).toEqual([]);
  });

  it('issues tokens that every operation taking GrantTokens accepts at once; malformed ones are refused', async () => {
    const kms = server.kms({ accessKeyId: freshAccount() });
    const key = await createKey(kms);
    const { GrantToken } = await createGrant(kms, key.KeyId!);
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('hi'), GrantTokens: [GrantToken] }));
    const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob, GrantTokens: [GrantToken] }));
    expect(Buffer.from(Plaintext!).toString()).toBe('hi');
    // A grant's token stays well-formed after the grant is gone (AWS accepts tokens of grants not yet consistent).
    await kms.send(new RetireGrantCommand({ GrantToken }));
    await kms.send(new DecryptCommand({ CiphertextBlob, GrantTokens: [GrantToken] }));
    for (const bad of ['not a token', 'AQpAbogus', GrantToken.slice(0, -4)]) {
      expect(await awsError(() => kms.send(new DecryptCommand({ CiphertextBlob, GrantTokens: [bad] })))).toEqual({
        name: 'InvalidGrantTokenException',
        message: 'The grant token is malformed or expired.',
        status: 400,
      });
    }
    expect(await awsError(() => createGrant(kms, key.KeyId!, { GrantTokens: ['x'] }))).toMatchObject({ name: 'InvalidGrantTokenException' });
  });
});
