// The console's keys and audit trail pages over HTTP (docs/console.md): keys made through the SDK
// are listed and shown with their policy, rotation, grants and tags; their state changes and the
// try-it panel go through forms; the audit page lists and filters the calls, and shows an event.
import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  GenerateRandomCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  TagResourceCommand,
  type CreateKeyCommandInput,
} from '@aws-sdk/client-kms';
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { ACCOUNT, REGION, awsError, startServer, useServer } from '../helpers/server';
import { allOf, ConsoleBrowser, unescapeHtml, type ConsolePage } from './console-http';

const server = useServer({ reset: 'each' });

const browser = () => new ConsoleBrowser(server);

async function createKey(input: CreateKeyCommandInput = {}): Promise<{ id: string; arn: string }> {
  const { KeyMetadata } = await server.kms().send(new CreateKeyCommand(input));
  return { id: KeyMetadata!.KeyId!, arn: KeyMetadata!.Arn! };
}

const keyView = (b: ConsoleBrowser, id: string) => b.get(`/keys/view?id=${encodeURIComponent(id)}`);
const keyState = (page: ConsolePage) => allOf(page.text, /<dd data-test="key-state">([^<]*)</g)[0];
const tryResult = (page: ConsolePage) => unescapeHtml(/<output id="try-result" data-test="try-result"[^>]*>([\s\S]*?)<\/output>/.exec(page.text)![1]);
const keyRows = (text: string) =>
  [...text.matchAll(/<tr data-test="key-row" data-key-id="([^"]*)">([\s\S]*?)<\/tr>/g)].map((m) => ({ id: m[1], cells: allOf(m[2], /<td[^>]*>([\s\S]*?)<\/td>/g) }));
const eventRows = (text: string) => allOf(text, /<tr data-test="event-row" data-event-name="([^"]*)"/g);
const stripTags = (text: string) => text.replace(/<[^>]*>/g, '');

describe('keys list', () => {
  it('lists the keys made through the SDK with their aliases, customer keys before AWS managed ones', async () => {
    const { id } = await createKey({ Description: 'orders' });
    await server.kms().send(new CreateAliasCommand({ AliasName: 'alias/orders', TargetKeyId: id }));
    // The first secret makes the AWS managed key aws/secretsmanager, as on AWS.
    await server.sm().send(new CreateSecretCommand({ Name: 'app/db', SecretString: 'x' }));
    const page = await browser().get('/keys');
    expect(page.status).toBe(200);
    const rows = keyRows(page.text);
    expect(rows).toHaveLength(2);
    expect(rows[0].id).toBe(id);
    expect(rows[0].cells.map(stripTags)).toEqual([id, 'alias/orders', 'orders', 'SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', 'Enabled', 'customer', expect.stringMatching(/Z$/)]);
    const managed = rows[1].cells.map(stripTags);
    expect([managed[1], managed[6]]).toEqual(['alias/aws/secretsmanager', 'AWS']);
    expect(page.text).toContain(`href="/_strongroom/console/keys/view?account=${ACCOUNT}&amp;region=${REGION}&amp;id=${id}"`);
  });

  it('creates a key with an alias through the form and opens its page', async () => {
    const b = browser();
    const form = await b.get('/keys/new');
    expect(allOf(form.text, /<select name="keySpec">([\s\S]*?)<\/select>/g)[0]).toContain('<option selected>SYMMETRIC_DEFAULT</option>');
    expect(form.text).toContain('<option>ML_DSA_65</option>');
    const page = await b.post('/keys/new', { description: 'signs releases', keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY', alias: 'alias/releases' });
    expect(page.location).toMatch(/\/keys\/view\?account=000000000000&region=us-east-1&id=[0-9a-f-]{36}$/);
    const id = new URL(page.location!, server.url).searchParams.get('id')!;
    const { KeyMetadata } = await server.kms().send(new DescribeKeyCommand({ KeyId: 'alias/releases' }));
    expect(KeyMetadata).toMatchObject({ KeyId: id, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', Description: 'signs releases' });
    expect(page.text).toContain('<p class="labels" data-test="key-aliases"><span>alias/releases</span></p>');
  });

  it('shows a key made without its alias when CreateAlias fails, with AWS’s error', async () => {
    const page = await (async () => {
      const b = browser();
      await b.get('/keys/new');
      return b.post('/keys/new', { description: '', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', alias: 'alias/aws/reserved' });
    })();
    expect(page.status).toBe(200);
    expect(stripTags(unescapeHtml(/data-test="aws-error">([\s\S]*?)<\/p>/.exec(page.text)![1]))).toBe(
'The key was created, but not its alias: NotAuthorizedException');
    expect(keyState(page)).toBe('Enabled');
  });
});

describe('a key', () => {
  it('shows its metadata, policy, rotation and its history, grants and tags', async () => {
    const { id, arn } = await createKey({ Description: 'exports' });
    const kms = server.kms();
    await kms.send(new EnableKeyRotationCommand({ KeyId: id, RotationPeriodInDays: 90 }));
    await kms.send(new RotateKeyOnDemandCommand({ KeyId: id }));
    await kms.send(
      new CreateGrantCommand({ KeyId: id, GranteePrincipal: 'arn:aws:iam::000000000000:role/app', Operations: ['Decrypt', 'Encrypt'], Constraints: { EncryptionContextSubset: { purpose: 'test' } }, Name: 'app-grant' }),
    );
    await kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: 'team', TagValue: 'orders' }] }));
    const page = await keyView(browser(), id);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<dt>Arn</dt><dd>${arn}</dd>`);
    expect(page.text).toContain('<dt>Description</dt><dd>exports</dd>');
    expect(keyState(page)).toBe('Enabled');
    const policy = JSON.parse(allOf(page.text, /<pre data-test="key-policy">([\s\S]*?)<\/pre>/g)[0]);
    expect(policy.Statement[0]).toMatchObject({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*' });
    expect(allOf(page.text, /<pre data-test="key-policy">([\s\S]*?)<\/pre>/g)[0]).toMatch(/^\{\n {2}"Version": "2012-10-17",/);
    expect(allOf(page.text, /data-test="rotation-enabled">([^<]*)</g)).toEqual(['enabled']);
    expect(page.text).toContain('<dt>Period</dt><dd>90 days</dd>');
    expect(allOf(page.text, /<tr data-test="rotation-row">([\s\S]*?)<\/tr>/g).map(stripTags)).toEqual([expect.stringContaining('ON_DEMAND')]);
    const grant = stripTags(allOf(page.text, /<tr data-test="grant-row">([\s\S]*?)<\/tr>/g)[0]);
    expect(grant).toContain('app-grant');
    expect(grant).toContain('arn:aws:iam::000000000000:role/app');
    expect(grant).toContain('Decrypt, Encrypt');
    expect(grant).toContain('{"EncryptionContextSubset":{"purpose":"test"}}');
    expect(allOf(page.text, /<tr data-test="tag-row">([\s\S]*?)<\/tr>/g)).toEqual(['<td>team</td><td>orders</td>']);
    expect(page.text).toContain(`href="/_strongroom/console/audit?account=${ACCOUNT}&amp;region=${REGION}&amp;resource=${encodeURIComponent(arn)}" data-test="key-audit"`);
  });

  it('says an asymmetric key does not rotate, and escapes a hostile tag', async () => {
    const { id } = await createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', Description: '<b>bold</b>' });
    await server.kms().send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: 'note', TagValue: '<script>alert(1)</script>' }] }));
    const page = await keyView(browser(), id);
    expect(page.text).toContain('Keys of spec ECC_NIST_P256 do not rotate.');
    expect(page.text).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(page.text).toContain('<dd>&lt;b&gt;bold&lt;/b&gt;</dd>');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<b>bold');
    expect((await browser().get('/keys')).text).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('shows a multi-Region key’s primary and replicas', async () => {
    const { id, arn } = await createKey({ MultiRegion: true });
    await server.kms().send(new ReplicateKeyCommand({ KeyId: id, ReplicaRegion: 'eu-west-1' }));
    const page = await keyView(browser(), id);
    expect(page.text).toContain('This key is a primary key.');
    expect(allOf(page.text, /<section aria-labelledby="multi-region">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/g)[0]).toBe(
      `<tr><td>Primary</td><td>${REGION}</td><td>${arn}</td></tr><tr><td>Replica</td><td>eu-west-1</td><td>${arn.replace(REGION, 'eu-west-1')}</td></tr>`,
    );
  });

  it('shows AWS’s error for a key that does not exist', async () => {
    const page = await keyView(browser(), '11111111-2222-3333-4444-555555555555');
    expect(page.status).toBe(400);
    expect(stripTags(unescapeHtml(/data-test="aws-error">([\s\S]*?)<\/div>/.exec(page.text)![1]))).toBe(
      `NotFoundException: Key 'arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555' does not exist`,
    );
  });

  it('is disabled and enabled, scheduled for deletion and cancelled through its forms', async () => {
    const { id } = await createKey();
    const b = browser();
    const state = async () => (await server.kms().send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.KeyState;
    let page = await keyView(b, id);
    expect(page.text).toContain('data-test="disable"');
    expect(page.text).not.toContain('data-test="enable"');

    page = await b.post('/keys/disable', { id });
    expect(page.location).toBe(`/_strongroom/console/keys/view?account=${ACCOUNT}&region=${REGION}&id=${id}&done=disable`);
    expect(keyState(page)).toBe('Disabled');
    expect(await state()).toBe('Disabled');
    expect(page.text).toContain('<p class="notice" role="status">The key is disabled.</p>');
    page = await b.post('/keys/enable', { id });
    expect(keyState(page)).toBe('Enabled');

    page = await b.post('/keys/schedule-deletion', { id, days: '7' });
    expect(keyState(page)).toBe('PendingDeletion');
    expect(page.text).toMatch(/<p class="notice" role="status">Scheduled for deletion on <time>[^<]+<\/time>\.<\/p>/);
    expect(page.text).toContain('data-test="cancel-deletion"');
    expect(page.text).not.toContain('data-test="schedule-deletion"');
    page = await b.post('/keys/cancel-deletion', { id });
    // AWS leaves a key whose deletion is cancelled disabled.
    expect(keyState(page)).toBe('Disabled');
    expect(await state()).toBe('Disabled');
  });

  it('answers a waiting period out of range with AWS’s error, and a form without its token with 403', async () => {
    const { id } = await createKey();
    const b = browser();
    await keyView(b, id);
    const page = await b.post('/keys/schedule-deletion', { id, days: '3' });
    expect(page.status).toBe(400);
    expect(stripTags(unescapeHtml(/data-test="aws-error">([\s\S]*?)<\/div>/.exec(page.text)![1]))).toBe('ValidationException: PendingWindowInDays must be between 7 and 30');
    expect((await b.post('/keys/disable', { id }, { csrf: null })).status).toBe(403);
    expect((await server.kms().send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.KeyState).toBe('Enabled');
  });

  it('offers no state changes for an AWS managed key', async () => {
    await server.sm().send(new CreateSecretCommand({ Name: 'app/db', SecretString: 'x' }));
    const page = await keyView(browser(), 'alias/aws/secretsmanager');
    expect(page.text).toContain('An AWS managed key: AWS denies changing its state.');
    expect(page.text).not.toMatch(/data-test="(enable|disable|schedule-deletion|cancel-deletion)"/);
  });
});

describe('try it', () => {
  it('encrypts a text and decrypts the ciphertext with a symmetric key, in POST bodies only', async () => {
    const { id } = await createKey();
    const b = browser();
    await keyView(b, id);
    const encrypted = await b.post('/keys/try', { id, action: 'encrypt', text: 'hello, world' });
    expect(encrypted.status).toBe(200);
    expect(encrypted.location).toBeUndefined();
    const ciphertext = tryResult(encrypted);
    expect(ciphertext).toMatch(/^[A-Za-z0-9+/]+=*$/);
    // The decrypt form is filled with the ciphertext for the next step.
    expect(encrypted.text).toContain(`<textarea name="ciphertext" rows="3" required>${ciphertext}</textarea>`);
    const decrypted = await b.post('/keys/try', { id, action: 'decrypt', ciphertext: `${ciphertext.slice(0, 20)}\n${ciphertext.slice(20)}` });
    expect(tryResult(decrypted)).toBe('hello, world');
    expect(decrypted.text).not.toMatch(/href="[^"]*hello/);

    const wrong = await b.post('/keys/try', { id, action: 'decrypt', ciphertext: 'not base64!' });
    expect(stripTags(tryResult(wrong))).toBe('SerializationException: Base64 encoded value is malformed');
  });

  it('encrypts and decrypts with an RSA key and its first algorithm', async () => {
    const { id } = await createKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    const b = browser();
    const view = await keyView(b, id);
    expect(view.text).toContain('With RSAES_OAEP_SHA_1.');
    const ciphertext = tryResult(await b.post('/keys/try', { id, action: 'encrypt', text: 'rsa text' }));
    expect(Buffer.from(ciphertext, 'base64')).toHaveLength(256);
    expect(tryResult(await b.post('/keys/try', { id, action: 'decrypt', ciphertext }))).toBe('rsa text');
  });

  it('signs and verifies with an ECC key; a wrong signature shows KMSInvalidSignatureException', async () => {
    const { id } = await createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const b = browser();
    await keyView(b, id);
    const signed = await b.post('/keys/try', { id, action: 'sign', text: 'release 1.0' });
    const signature = tryResult(signed);
    expect(signed.text).toContain('With ECDSA_SHA_256.');
    expect(tryResult(await b.post('/keys/try', { id, action: 'verify', text: 'release 1.0', signature }))).toBe('Valid: the signature matches the text.');
    const other = tryResult(await b.post('/keys/try', { id, action: 'sign', text: 'release 2.0' }));
    const wrong = await b.post('/keys/try', { id, action: 'verify', text: 'release 1.0', signature: other });
    expect(wrong.text).toContain('<output id="try-result" data-test="try-result" class="error"><strong>KMSInvalidSignatureException</strong>');
  });

  it('generates and verifies a MAC with an HMAC key', async () => {
    const { id } = await createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const b = browser();
    await keyView(b, id);
    const mac = tryResult(await b.post('/keys/try', { id, action: 'generate-mac', text: 'message' }));
    expect(Buffer.from(mac, 'base64')).toHaveLength(32);
    expect(tryResult(await b.post('/keys/try', { id, action: 'verify-mac', text: 'message', signature: mac }))).toBe('Valid: the MAC matches the text.');
    const wrong = await b.post('/keys/try', { id, action: 'verify-mac', text: 'other message', signature: mac });
    expect(stripTags(tryResult(wrong))).toMatch(/^KMSInvalidMacException/);
  });

  it('shows a disabled key’s DisabledException', async () => {
    const { id, arn } = await createKey();
    const b = browser();
    await keyView(b, id);
    await b.post('/keys/disable', { id });
    const page = await b.post('/keys/try', { id, action: 'encrypt', text: 'x' });
    expect(stripTags(tryResult(page))).toBe(`DisabledException: ${arn} is disabled.`);
  });
});

describe('audit trail', () => {
  it('lists the SDK’s calls newest first and shows an event’s record', async () => {
    const { id } = await createKey();
    await server.kms().send(new DescribeKeyCommand({ KeyId: id }));
    const b = browser();
    const page = await b.get('/audit');
    expect(page.status).toBe(200);
    expect(eventRows(page.text).slice(0, 2)).toEqual(['DescribeKey', 'CreateKey']);
    const link = /<tr data-test="event-row" data-event-name="CreateKey">[\s\S]*?<a href="([^"]*)">CreateKey<\/a>/.exec(page.text)![1];
    const event = await b.get(unescapeHtml(link));
    const record = JSON.parse(allOf(event.text, /<pre data-test="event-json">([\s\S]*?)<\/pre>/g)[0]);
    expect(record).toMatchObject({ eventName: 'CreateKey', eventSource: 'kms.amazonaws.com', userIdentity: { accessKeyId: 'AKIDEXAMPLE', arn: `arn:aws:iam::${ACCOUNT}:root` } });
    expect(record.responseElements.keyMetadata.keyId).toBe(id);

    const missing = await b.get('/audit/event?id=no-such-event');
    expect(missing.text).toContain("No event with ID 'no-such-event' in 000000000000 us-east-1");
  });

  it('filters by event name, by resource, by secret, by principal and by outcome', async () => {
    const one = await createKey();
    const two = await createKey();
    const kms = server.kms();
    await kms.send(new DescribeKeyCommand({ KeyId: one.id }));
    await kms.send(new DescribeKeyCommand({ KeyId: two.id }));
    expect((await awsError(() => kms.send(new DescribeKeyCommand({ KeyId: 'alias/missing' })))).name).toBe('NotFoundException');
    const { ARN: secretArn } = await server.sm().send(new CreateSecretCommand({ Name: 'app/db', SecretString: 'x', KmsKeyId: one.id }));
    await server.sm().send(new GetSecretValueCommand({ SecretId: 'app/db' }));
    await server.sm().send(new DescribeSecretCommand({ SecretId: secretArn }));
    await server.sm().send(new CreateSecretCommand({ Name: 'app/other', SecretString: 'y' }));
    const b = browser();
    const rows = async (query: Record<string, string>) => eventRows((await b.get(`/audit?${new URLSearchParams(query)}`)).text);

    expect(await rows({ eventName: 'CreateKey' })).toEqual(['CreateKey', 'CreateKey']);
    expect(await rows({ resource: two.arn })).toEqual(['DescribeKey', 'CreateKey']);
    expect(await rows({ eventName: 'DescribeKey', resource: two.arn })).toEqual(['DescribeKey']);
    expect(await rows({ secret: secretArn! })).toEqual(['DescribeSecret', 'GetSecretValue', 'CreateSecret']);
    expect(await rows({ outcome: 'failure' })).toEqual(['DescribeKey']);
    // Secrets Manager's calls to KMS name it as the service that made them.
    const bySecretsManager = await rows({ principal: 'secretsmanager.amazonaws.com' });
    expect(bySecretsManager.length).toBeGreaterThan(0);
    expect(new Set(bySecretsManager)).toEqual(new Set(['DescribeKey', 'GenerateDataKey', 'Decrypt']));
    // The SDK's calls, told from the console's own (both the account's root) by their access key.
    expect(await rows({ principal: 'AKIDEXAMPLE', eventName: 'CreateKey' })).toEqual(['CreateKey', 'CreateKey']);
    await b.get('/keys');
    const byConsole = await rows({ principal: 'strongroom-console' });
    expect(byConsole).toContain('ListKeys');
    expect(byConsole).not.toContain('CreateKey');
    const filtered = await b.get(`/audit?${new URLSearchParams({ outcome: 'failure' })}`);
    expect(filtered.text).toContain('<option value="failure" selected>failure</option>');
    expect(filtered.text).toContain('<span class="error">NotFoundException</span>');
  });

  it('pages to older events', async () => {
    for (let i = 0; i < 60; i++) await server.kms().send(new GenerateRandomCommand({ NumberOfBytes: 8 }));
    const b = browser();
    const first = await b.get('/audit?eventName=GenerateRandom');
    expect(eventRows(first.text)).toHaveLength(50);
    const older = unescapeHtml(/<a href="([^"]*)" data-test="older-events">/.exec(first.text)![1]);
    expect(older).toContain('eventName=GenerateRandom');
    const second = await b.get(older);
    expect(eventRows(second.text)).toHaveLength(10);
    expect(second.text).not.toContain('data-test="older-events"');
    // A token from another filter's page is not this one's: the newest events instead.
    const token = new URL(older, server.url).searchParams.get('next')!;
    const mixed = await b.get(`/audit?${new URLSearchParams({ eventName: 'CreateKey', next: token })}`);
    expect(mixed.status).toBe(200);
    expect(mixed.text).toContain('That page link does not belong to these filters');
  });
});

describe('without the audit trail', () => {
  it('has no audit pages and no links to them', async () => {
    const quiet = await startServer({ auditTrail: false });
    try {
      const { KeyMetadata } = await quiet.kms().send(new CreateKeyCommand({}));
      const b = new ConsoleBrowser(quiet);
      const page = await b.get(`/keys/view?id=${KeyMetadata!.KeyId}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('data-test="key-audit"');
      expect(page.text).not.toContain('/audit?');
      expect((await b.get('/audit')).status).toBe(404);
    } finally {
      await quiet.close();
    }
  });
});
