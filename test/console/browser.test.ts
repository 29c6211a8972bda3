// The web console in real headless Chromium (docs/console.md): a secret and a key made through
// the SDK are found, revealed, changed, rotated and tried in the browser; the clock moves; a form
// posted from another site is refused; the pages fit a phone. Screenshots of the main pages go to
// STRONGROOM_SCREENSHOTS (default: <tmpdir>/strongroom-console-screenshots); with
// STRONGROOM_README_SCREENSHOT=1 the secret's page is also copied to docs/images for the README.
import { copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CreateAliasCommand, CreateKeyCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import type { Page } from 'puppeteer-core';
import { waitForJobs } from '../jobs/helpers';
import { PASSWORD_ROTATOR, PASSWORD_ROTATOR_SEED, useSeedFile } from '../helpers/seed-file';
import { ACCOUNT, REGION, resetClock, startServer, type TestServer } from '../helpers/server';
import { FOREIGN_HOST, follow, foreignSite, open, submit, textOf, useBrowser } from './browser-harness';

const ROTATOR = PASSWORD_ROTATOR;
const seed = useSeedFile(PASSWORD_ROTATOR_SEED);
const SECRET = 'app/orders-db';
const FIRST_VALUE = { engine: 'postgres', host: 'db.internal', port: 5432, username: 'orders', password: 'first-password' };
const KEY_ALIAS = 'alias/orders';
const SCREENSHOTS = process.env.STRONGROOM_SCREENSHOTS ?? join(tmpdir(), 'strongroom-console-screenshots');
const README_IMAGE = join(__dirname, '..', '..', 'docs', 'images', 'console-secret.png');

const browser = useBrowser();
let server: TestServer;
let base: string;
let secretArn: string;
let victimArn: string;
let keyId: string;

beforeAll(async () => {
  server = await startServer({ seeds: [seed] });
  base = server.strongroom.consoleUrl!;
  const sm = server.sm();
  ({ ARN: secretArn } = (await sm.send(
    new CreateSecretCommand({
      Name: SECRET,
      Description: 'Credentials of the orders database',
      SecretString: JSON.stringify(FIRST_VALUE),
      Tags: [
        { Key: 'team', Value: 'orders' },
        { Key: 'env', Value: 'dev' },
      ],
    }),
  )) as { ARN: string });
  ({ ARN: victimArn } = (await sm.send(new CreateSecretCommand({ Name: 'victim', SecretString: 'keep me' }))) as { ARN: string });
  const kms = server.kms();
  keyId = (await kms.send(new CreateKeyCommand({ Description: 'Encrypts order exports' }))).KeyMetadata!.KeyId!;
  await kms.send(new CreateAliasCommand({ AliasName: KEY_ALIAS, TargetKeyId: keyId }));
});
afterAll(async () => {
  await server?.close();
});

const secretView = (arn: string) => `${base}/secrets/view?id=${encodeURIComponent(arn)}`;
const versionRow = (versionId: string) => `[data-test="version-row"][data-version-id="${versionId}"]`;

/** The staging labels the secret's page shows, by version id (versions without a label left out, as DescribeSecret does). */
async function shownStages(page: Page): Promise<Record<string, string[]>> {
  const rows = await page.$$eval('[data-test="version-row"]', (els) =>
    els.map((el) => [el.getAttribute('data-version-id') ?? '', Array.from(el.querySelectorAll('[data-test="version-stage"]'), (s: { textContent: string | null }) => (s.textContent ?? '').trim()).sort()] as const),
  );
  return Object.fromEntries(rows.filter(([, stages]) => stages.length > 0));
}

/** VersionIdsToStages with each version's labels sorted (AWS gives them in no set order). */
async function describedStages(): Promise<Record<string, string[]>> {
  const { VersionIdsToStages = {} } = await server.sm().send(new DescribeSecretCommand({ SecretId: SECRET }));
  return Object.fromEntries(Object.entries(VersionIdsToStages).map(([id, stages]) => [id, [...stages].sort()]));
}

const currentVersion = async () => (await server.sm().send(new GetSecretValueCommand({ SecretId: SECRET }))).VersionId!;

/** Opens the secret's page and reveals the version holding AWSCURRENT. */
async function revealCurrent(page: Page): Promise<string> {
  await open(page, secretView(secretArn));
  await submit(page, `${versionRow(await currentVersion())} [data-test="reveal"]`);
  return textOf(page, '[data-test="secret-value"]');
}

async function clockState(): Promise<{ now: string; offsetSeconds: number }> {
  return (await fetch(`${server.url}/_strongroom/clock`)).json() as Promise<{ now: string; offsetSeconds: number }>;
}

let announced = false;
/** Saves a screenshot of what the page shows as `<name>.png` in the screenshots folder, which the first call prints. */
async function shoot(page: Page, name: string): Promise<string> {
  if (!announced) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    console.log(`console screenshots: ${SCREENSHOTS}`);
    announced = true;
  }
  const path = join(SCREENSHOTS, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path });
  return path;
}

/** Runs the key's try-it panel: the form posting `action` (a hidden field), with `fields` filled. */
async function tryKey(page: Page, action: string, fields: Record<string, string>): Promise<string> {
  await submit(page, `form[action*="/keys/try"]:has([name="action"][value="${action}"]) [type="submit"]`, fields);
  return textOf(page, '[data-test="try-result"]');
}

describe('the console in a browser', () => {
  it('lists the place with its counts, and leads from it to the secret', async () => {
    const page = await browser.page();
    const { SecretList = [] } = await server.sm().send(new ListSecretsCommand({}));
    // CreateSecret made the AWS managed key aws/secretsmanager too.
    const { Keys = [] } = await server.kms().send(new ListKeysCommand({}));
    await open(page, `${base}/`);
    const place = `[data-test="place-row"][data-account="${ACCOUNT}"][data-region="${REGION}"]`;
    const cells = await page.$$eval(`${place} th, ${place} td`, (els) => els.map((el) => (el.textContent ?? '').trim()));
    expect(cells).toEqual(expect.arrayContaining([ACCOUNT, REGION, String(SecretList.length), String(Keys.length)]));
    await follow(page, `${place} a[href*="/secrets"]`);
    const row = `[data-test="secret-row"][data-name="${SECRET}"]`;
    await follow(page, `${row} a[href*="/secrets/view"]`);
    expect(new URL(page.url()).searchParams.get('id')).toBe(secretArn);
    expect(await page.$eval('main', (el) => el.textContent)).toContain(secretArn);
  });

  it('reveals a version’s value only on a click, pretty-printed', async () => {
    const page = await browser.page();
    await open(page, secretView(secretArn));
    expect(await page.$('[data-test="secret-value"]')).toBeNull();
    expect(await page.content()).not.toContain(FIRST_VALUE.password);
    const shown = await revealCurrent(page);
    expect(JSON.parse(shown)).toEqual(FIRST_VALUE);
    expect(shown).toContain('\n');
    expect(page.url()).not.toContain(FIRST_VALUE.password);
    expect(await page.$('[data-test="copy"]')).not.toBeNull();
  });

  it('puts a new value and shows AWSCURRENT move to it', async () => {
    const page = await browser.page();
    const before = await currentVersion();
    await open(page, secretView(secretArn));
    await submit(page, '[data-test="put-value"]', { value: JSON.stringify({ ...FIRST_VALUE, password: 'second-password' }) });
    const after = await currentVersion();
    expect(after).not.toBe(before);
    const stages = await shownStages(page);
    expect(stages).toEqual(await describedStages());
    expect({ [after]: stages[after], [before]: stages[before] }).toEqual({ [after]: ['AWSCURRENT'], [before]: ['AWSPREVIOUS'] });
    // Newest first.
    expect(await page.$eval('[data-test="version-row"]', (el) => el.getAttribute('data-version-id'))).toBe(after);
    expect(JSON.parse(await revealCurrent(page)).password).toBe('second-password');
  });

  it('rotates the secret with the built-in rotator and shows the new version', async () => {
    const page = await browser.page();
    const before = await currentVersion();
    await open(page, secretView(secretArn));
    await submit(page, '[data-test="rotate"]', { lambdaArn: ROTATOR, days: '30' });
    expect(await waitForJobs(server)).toEqual(expect.objectContaining({ running: 0, due: 0, failed: 0 }));
    await open(page, page.url());
    const after = await currentVersion();
    expect(after).not.toBe(before);
    const stages = await shownStages(page);
    expect(stages).toEqual(await describedStages());
    expect(stages[after]).toEqual(['AWSCURRENT']);
    expect(await page.$eval('main', (el) => el.textContent)).toContain(ROTATOR);
    const rotated = JSON.parse(await revealCurrent(page));
    expect({ ...rotated, password: undefined }).toEqual({ ...FIRST_VALUE, password: undefined });
    expect(rotated.password).toHaveLength(32);
  });

  it('finds the key and encrypts and decrypts a text with it', async () => {
    const page = await browser.page();
    await open(page, `${base}/`);
    await follow(page, 'nav a[href*="/keys"]');
    const row = `[data-test="key-row"][data-key-id="${keyId}"]`;
    expect(await textOf(page, row)).toContain(KEY_ALIAS);
    await follow(page, `${row} a[href*="/keys/view"]`);
    const ciphertext = await tryKey(page, 'encrypt', { text: 'an order export' });
    expect(ciphertext).toMatch(/^[A-Za-z0-9+/]{40,}={0,2}$/);
    expect(await tryKey(page, 'decrypt', { ciphertext })).toBe('an order export');
  });

  it('moves the emulated clock a day, and every footer shows it', async () => {
    const page = await browser.page();
    const before = await clockState();
    try {
      await open(page, `${base}/clock`);
      await follow(page, '[data-test="advance-day"]');
      const after = await clockState();
      expect(after.offsetSeconds - before.offsetSeconds).toBe(86400);
      const shown = Date.parse(await textOf(page, '[data-test="clock-now"]'));
      // The footer shows the time to the second.
      expect(shown).toBeGreaterThanOrEqual(Date.parse(before.now) + 86400_000 - 1000);
      expect(shown).toBeLessThanOrEqual(Date.parse(after.now));
    } finally {
      await resetClock(server);
    }
  });

  it('refuses a console form posted from another site, and cannot be framed', async () => {
    const page = await browser.page();
    // The browser has a console session (its cookie) before it meets the other site.
    await open(page, secretView(victimArn));
    let attack = '';
    const site = await foreignSite(() => attack);
    try {
      const refusals: Record<string, { status: number; refusal: string }> = {};
      // Another port of 127.0.0.1 is the same site (its cookie goes along) but cannot read the form token;
      // a name that is not loopback is refused before that, by its Origin.
      for (const origin of [`http://127.0.0.1:${site.port}`, `http://${FOREIGN_HOST}:${site.port}`]) {
        attack = `<!doctype html><title>Win a prize</title>
<form method="post" action="${base}/secrets/delete"><input name="id" value="${victimArn}"><input name="force" value="true"><input name="account" value="${ACCOUNT}"><input name="region" value="${REGION}"></form>
<script>document.forms[0].submit()</script>`;
        const [response] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(`${base}/secrets/delete`)), page.goto(`${origin}/`)]);
        // The browser guard answers in AWS's JSON, which a browser saves as a download rather than keeping.
        const errorType = response.headers()['x-amzn-errortype'];
        refusals[origin] = { status: response.status(), refusal: errorType ?? (await response.text()) };
      }
      expect(refusals).toEqual({
        [`http://127.0.0.1:${site.port}`]: { status: 403, refusal: expect.stringContaining('session token') },
        [`http://${FOREIGN_HOST}:${site.port}`]: { status: 403, refusal: 'ForbiddenException' },
      });
      expect((await server.sm().send(new DescribeSecretCommand({ SecretId: victimArn }))).DeletedDate).toBeUndefined();

      attack = `<!doctype html><iframe src="${secretView(victimArn)}"></iframe>`;
      await page.goto(`http://127.0.0.1:${site.port}/`, { waitUntil: 'load' });
      const frame = page.frames().find((f) => f !== page.mainFrame());
      // Chromium shows its error page in place of a page that refuses to be framed.
      expect(frame?.url()).toBe('chrome-error://chromewebdata/');
    } finally {
      await site.close();
    }
    const res = await fetch(secretView(victimArn));
    expect({ frameOptions: res.headers.get('x-frame-options'), csp: res.headers.get('content-security-policy') }).toEqual({
      frameOptions: 'DENY',
      csp: expect.stringContaining("frame-ancestors 'none'"),
    });
  });

  it('deletes a secret from its own page, after a confirmation, and restores it', async () => {
    const page = await browser.page();
    const confirmations: string[] = [];
    page.on('dialog', (dialog) => {
      confirmations.push(dialog.message());
      void dialog.accept();
    });
    await open(page, secretView(victimArn));
    // The form the other site could not post, posted from the console's page.
    await submit(page, '[data-test="delete"]', { recoveryDays: '7' });
    expect(confirmations).toEqual(['Delete the secret victim?']);
    const deleted = await server.sm().send(new DescribeSecretCommand({ SecretId: victimArn }));
    expect(deleted.DeletedDate).toBeInstanceOf(Date);
    await submit(page, '[data-test="restore"]');
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: victimArn }))).DeletedDate).toBeUndefined();
  });

  it('fits a phone: the secret’s page has no sideways scrolling, its tables scroll in their wrappers', async () => {
    const page = await browser.page();
    await page.setViewport({ width: 375, height: 812, isMobile: true, hasTouch: true });
    await revealCurrent(page);
    const layout = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): ArrayLike<{ closest(s: string): unknown }> } }).document;
      return { width: doc.documentElement.scrollWidth, unwrappedTables: Array.from(doc.querySelectorAll('table')).filter((t) => !t.closest('.table-wrap')).length };
    });
    expect(layout.unwrappedTables).toBe(0);
    // A pixel or two of rounding.
    expect(layout.width).toBeLessThanOrEqual(377);
    await shoot(page, 'secret-phone');
  });

  it('saves screenshots of the main pages', async () => {
    const page = await browser.page();
    const shots: [string, () => Promise<unknown>][] = [
      ['overview', () => open(page, `${base}/`)],
      ['secrets', () => open(page, `${base}/secrets`)],
      ['secret', () => revealCurrent(page)],
      ['key', () => open(page, `${base}/keys/view?id=${keyId}`)],
      ['audit', () => open(page, `${base}/audit`).then(() => page.waitForSelector('[data-test="event-row"]'))],
      ['clock', () => open(page, `${base}/clock`)],
    ];
    const saved: Record<string, string> = {};
    for (const [name, show] of shots) {
      await show();
      saved[name] = await shoot(page, name);
    }
    if (process.env.STRONGROOM_README_SCREENSHOT === '1') {
      mkdirSync(dirname(README_IMAGE), { recursive: true });
      copyFileSync(saved.secret, README_IMAGE);
    }
  });
});
