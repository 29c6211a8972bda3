// The console's overview, secrets and clock pages over HTTP, as a browser without JavaScript
// uses them: GET a page, take its form token and the session cookie, post the form
// (form-encoded, with the Origin a browser sends), follow the redirect.
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { waitForJobs } from '../jobs/helpers';
import { allOf, ConsoleBrowser, unescapeHtml } from './console-http';
import { PASSWORD_ROTATOR, PASSWORD_ROTATOR_SEED, useSeedFile } from '../helpers/seed-file';
import { ACCOUNT, REGION, startServer, useServer } from '../helpers/server';

const ROTATOR = PASSWORD_ROTATOR;
const seed = useSeedFile(PASSWORD_ROTATOR_SEED);
const server = useServer({ reset: 'each', clock: 'reset', options: { seeds: [seed] } });

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
const all = allOf;
const unescape = unescapeHtml;

/** A browser that has read a page with forms (the clock's): it has a session and its token. */
async function browser(): Promise<ConsoleBrowser> {
  const b = new ConsoleBrowser(server);
  await b.get('/clock');
  return b;
}

async function createSecret(Name: string, SecretString: string, extra: Partial<{ Description: string; Tags: { Key: string; Value: string }[] }> = {}) {
  const { ARN, VersionId } = await server.sm().send(new CreateSecretCommand({ Name, SecretString, ...extra }));
  return { arn: ARN!, first: VersionId! };
}

const versionRows = (text: string) =>
  [...text.matchAll(/<tr data-test="version-row" data-version-id="([^"]*)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => ({ id: m[1], stages: all(m[2], /data-test="version-stage">([^<]*)</g) }));
const awsError = (text: string) => unescape(/data-test="aws-error"><strong>([^<]*)<\/strong>: <span>([^<]*)<\/span>/.exec(text)!.slice(1).join(': '));

describe('overview', () => {
  it('lists every place that holds something, with counts, and links to its secrets', async () => {
    await createSecret('one', 'a');
    await createSecret('two', 'b');
    await server.kms({ region: 'eu-west-1' }).send(new CreateKeyCommand({}));
    const page = await (await browser()).get('/');
    expect(page.status).toBe(200);
    const rows = [...page.text.matchAll(/<tr data-test="place-row" data-account="(\d+)" data-region="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => ({
      account: m[1],
      region: m[2],
      counts: all(m[3], /<td>(\d+)<\/td>/g),
      link: /href="([^"]*)"/.exec(m[3])![1],
    }));
    expect(rows).toEqual(
      expect.arrayContaining([
        // The first secret made the AWS managed key aws/secretsmanager, as on AWS.
        { account: ACCOUNT, region: REGION, counts: ['2', '1'], link: `/_strongroom/console/secrets?account=${ACCOUNT}&amp;region=${REGION}` },
        { account: ACCOUNT, region: 'eu-west-1', counts: ['0', '1'], link: `/_strongroom/console/secrets?account=${ACCOUNT}&amp;region=eu-west-1` },
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(page.text).toContain(`export AWS_ENDPOINT_URL=${server.url}`);
  });
});

describe('secrets list', () => {
  it('finds secrets made through the SDK, searches, filters, sorts and shows deleted ones on request', async () => {
    await createSecret('app/db', '{}', { Description: 'the database' });
    await createSecret('app/api', 'x', { Tags: [{ Key: 'team', Value: 'payments' }] });
    await createSecret('other', 'y');
    await server.sm().send(new DeleteSecretCommand({ SecretId: 'other' }));
    const b = await browser();
    const names = async (query: string) => all((await b.get(`/secrets${query}`)).text, /data-test="secret-row" data-name="([^"]*)"/g);
    expect(await names('')).toEqual(['app/api', 'app/db']);
    expect(await names('?deleted=true')).toEqual(['app/api', 'app/db', 'other']);
    expect(await names('?q=app/d')).toEqual(['app/db']);
    expect(await names('?filter-key=description&filter-value=database')).toEqual(['app/db']);
    expect(await names('?filter-key=tag-value&filter-value=payments')).toEqual(['app/api']);
    expect(await names('?sort=name&order=desc')).toEqual(['app/db', 'app/api']);
    const page = await b.get('/secrets?q=app/d');
    expect(page.text).toMatch(/<a href="\/_strongroom\/console\/secrets\/view\?account=000000000000&amp;region=us-east-1&amp;id=arn%3Aaws%3Asecretsmanager%3Aus-east-1%3A000000000000%3Asecret%3Aapp%2Fdb-\w{6}">app\/db<\/a>/);
  });

  it('answers a filter key ListSecrets does not know with its ValidationException', async () => {
    const page = await (await browser()).get('/secrets?filter-key=colour&filter-value=red');
    expect(page.status).toBe(400);
    expect(awsError(page.text)).toMatch(/^ValidationException: 1 validation error detected: Value 'colour' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set/);
  });
});

describe('a secret', () => {
  it('shows its metadata and its versions newest first with their labels, and no value', async () => {
    const { arn, first } = await createSecret('app/db', 'first value', { Description: 'db', Tags: [{ Key: 'team', Value: 'core' }] });
    const { VersionId: second } = await server.sm().send(new PutSecretValueCommand({ SecretId: arn, SecretString: 'second value' }));
    const page = await (await browser()).get(`/secrets/view?id=${encodeURIComponent(arn)}`);
    expect(page.status).toBe(200);
    expect(versionRows(page.text)).toEqual([
      { id: second, stages: ['AWSCURRENT'] },
      { id: first, stages: ['AWSPREVIOUS'] },
    ]);
    expect(page.text).toContain(`<code>${arn}</code>`);
    expect(page.text).toContain('<tr><th scope="row">team</th><td>core</td></tr>');
    expect(page.text).not.toContain('data-test="secret-value"');
    expect(page.text).not.toContain('first value');
    expect(page.text).not.toContain('second value');
  });

  it('reveals a version on a POST with the token only: JSON pretty-printed, binary as base64', async () => {
    const { arn, first } = await createSecret('app/db', '{"user":"app","password":"p4ss"}');
    const b = await browser();
    expect((await b.get(`/secrets/reveal?id=${encodeURIComponent(arn)}&versionId=${first}`)).status).toBe(404);
    const page = await b.post('/secrets/reveal', { id: arn, versionId: first });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(all(page.text, /<pre id="secret-value" data-test="secret-value">([^<]*)<\/pre>/g)).toEqual(['{\n  "user": "app",\n  "password": "p4ss"\n}']);
    expect(page.text).toContain('data-copy-target="secret-value" data-test="copy"');

    const { ARN: binary, VersionId } = await server.sm().send(new CreateSecretCommand({ Name: 'bytes', SecretBinary: Buffer.from([0, 1, 2, 255]) }));
    const shown = await b.post('/secrets/reveal', { id: binary!, versionId: VersionId! });
    expect(all(shown.text, /data-test="secret-value">([^<]*)</g)).toEqual(['AAEC/w==']);
  });

  it('puts a value and moves a label through its forms', async () => {
    const { arn, first } = await createSecret('app/db', 'one');
    const b = await browser();
    await b.get(`/secrets/view?id=${encodeURIComponent(arn)}`);
    const put = await b.post('/secrets/put', { id: arn, value: 'two' });
    expect(put.location).toBe(`/_strongroom/console/secrets/view?account=${ACCOUNT}&region=${REGION}&id=${encodeURIComponent(arn)}&done=put`);
    expect(put.text).toContain('<p class="notice" role="status">');
    const [second] = versionRows(put.text);
    expect(versionRows(put.text)).toEqual([
      { id: second.id, stages: ['AWSCURRENT'] },
      { id: first, stages: ['AWSPREVIOUS'] },
    ]);
    expect((await server.sm().send(new GetSecretValueCommand({ SecretId: arn }))).SecretString).toBe('two');

    // AWSCURRENT back to the first version: from its holder, as UpdateSecretVersionStage wants.
    const moved = await b.post('/secrets/stage', { id: arn, stage: 'AWSCURRENT', versionId: first });
    expect(versionRows(moved.text)).toEqual([
      { id: second.id, stages: ['AWSPREVIOUS'] },
      { id: first, stages: ['AWSCURRENT'] },
    ]);
    const custom = await b.post('/secrets/stage', { id: arn, stage: 'BLUE', versionId: second.id });
    expect(versionRows(custom.text)[0].stages).toEqual(['AWSPREVIOUS', 'BLUE']);
  });

  it('rotates with a built-in rotator and then with the stored configuration', async () => {
    const { arn, first } = await createSecret('app/db', '{"username":"app","password":"old"}');
    const b = await browser();
    await b.get(`/secrets/view?id=${encodeURIComponent(arn)}`);
    await b.post('/secrets/rotate', { id: arn, lambdaArn: ROTATOR, days: '10' });
    await waitForJobs(server);
    const described = await server.sm().send(new DescribeSecretCommand({ SecretId: arn }));
    expect({ enabled: described.RotationEnabled, lambda: described.RotationLambdaARN, rules: described.RotationRules?.AutomaticallyAfterDays }).toEqual({
      enabled: true,
      lambda: ROTATOR,
      rules: 10,
    });
    const page = await b.get(`/secrets/view?id=${encodeURIComponent(arn)}`);
    const rows = versionRows(page.text);
    expect(rows).toEqual([
      { id: expect.not.stringMatching(first), stages: ['AWSCURRENT'] },
      { id: first, stages: ['AWSPREVIOUS'] },
    ]);
    expect(page.text).toContain(`<code>${ROTATOR}</code>`);

    await b.post('/secrets/rotate', { id: arn, lambdaArn: '', days: '' });
    await waitForJobs(server);
    const again = versionRows((await b.get(`/secrets/view?id=${encodeURIComponent(arn)}`)).text);
    expect(again.map((r) => r.stages)).toEqual([['AWSCURRENT'], ['AWSPREVIOUS'], []]);
  });

  it('deletes with a recovery window, restores, and deletes at once', async () => {
    const { arn } = await createSecret('app/db', 'v');
    const b = await browser();
    await b.get(`/secrets/view?id=${encodeURIComponent(arn)}`);
    const deleted = await b.post('/secrets/delete', { id: arn, recoveryDays: '7' });
    expect(deleted.text).toContain('data-test="restore"');
    const described = await server.sm().send(new DescribeSecretCommand({ SecretId: arn }));
    expect(described.DeletedDate).toBeInstanceOf(Date);
    const restored = await b.post('/secrets/restore', { id: arn });
    expect(restored.text).toContain('data-test="delete"');
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: arn }))).DeletedDate).toBeUndefined();
    const purged = await b.post('/secrets/delete', { id: arn, recoveryDays: '30', force: 'true' });
    expect(purged.location).toBe(`/_strongroom/console/secrets?account=${ACCOUNT}&region=${REGION}&done=purged`);
    expect(all(purged.text, /data-test="secret-row" data-name="([^"]*)"/g)).toEqual([]);
  });

  it('shows the AWS error of a bad recovery window, as the operation gives it', async () => {
    const { arn } = await createSecret('app/db', 'v');
    const b = await browser();
    const short = await b.post('/secrets/delete', { id: arn, recoveryDays: '3' });
    expect(short.status).toBe(400);
    expect(awsError(short.text)).toBe('InvalidParameterException: The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    const words = await b.post('/secrets/delete', { id: arn, recoveryDays: 'soon' });
    expect(awsError(words.text)).toBe('SerializationException: STRING_VALUE can not be converted to a Long');
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: arn }))).DeletedDate).toBeUndefined();
  });

  it('creates a secret from the new-secret form', async () => {
    const b = await browser();
    expect((await b.get('/secrets/new')).text).toContain('name="tags"');
    const page = await b.post('/secrets/new', { name: 'made/here', description: 'from the console', kmsKeyId: '', value: 's3cret', tags: 'team=core\r\nenv = dev\r\n' });
    expect(page.status).toBe(200);
    expect(page.location).toMatch(/\/secrets\/view\?.*id=arn%3Aaws%3Asecretsmanager%3Aus-east-1%3A000000000000%3Asecret%3Amade%2Fhere-\w{6}&done=created$/);
    const described = await server.sm().send(new DescribeSecretCommand({ SecretId: 'made/here' }));
    expect({ description: described.Description, tags: described.Tags }).toEqual({
      description: 'from the console',
      tags: [
        { Key: 'team', Value: 'core' },
        { Key: 'env', Value: 'dev' },
      ],
    });
    expect((await server.sm().send(new GetSecretValueCommand({ SecretId: 'made/here' }))).SecretString).toBe('s3cret');
  });

  it('escapes what users wrote: descriptions and tags never become markup', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const { arn } = await createSecret('hostile', 'v', { Description: hostile, Tags: [{ Key: 'k', Value: '"><script>alert(2)</script>' }] });
    const b = await browser();
    for (const path of ['/secrets', `/secrets/view?id=${encodeURIComponent(arn)}`, `/secrets?q=${encodeURIComponent(hostile)}`]) {
      const page = await b.get(path);
      expect(page.text).not.toMatch(/<script>|<img|"><script/);
    }
    const view = await b.get(`/secrets/view?id=${encodeURIComponent(arn)}`);
    expect(view.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(view.text).toContain('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
  });
});

describe('forms from elsewhere', () => {
  it('refuses a post without the token, with another session’s token, or from another site', async () => {
    const { arn } = await createSecret('app/db', 'v');
    const mine = await browser();
    const theirs = await browser();
    expect(theirs.csrf).not.toBe(mine.csrf);
    for (const options of [{ csrf: null }, { csrf: theirs.csrf }, { csrf: '' }]) {
      const res = await mine.post('/secrets/delete', { id: arn, force: 'true' }, options);
      expect(res.status).toBe(403);
    }
    const reveal = await mine.post('/secrets/reveal', { id: arn, versionId: 'x' }, { csrf: theirs.csrf });
    expect(reveal.status).toBe(403);
    const crossSite = await mine.post('/secrets/delete', { id: arn, force: 'true' }, { origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.text).message).toMatch(/^Strongroom refuses requests from the web origin 'http:\/\/evil.example'/);
    expect((await server.sm().send(new DescribeSecretCommand({ SecretId: arn }))).DeletedDate).toBeUndefined();
  });

  it('sends the CSP on every page, errors included', async () => {
    const { arn } = await createSecret('app/db', 'v');
    const b = await browser();
    for (const path of ['/', '/secrets', '/secrets/new', `/secrets/view?id=${encodeURIComponent(arn)}`, '/secrets/view?id=missing', '/clock']) {
      const page = await b.get(path);
      expect([path, page.headers.get('content-security-policy')]).toEqual([path, CSP]);
    }
    const css = await fetch(`${server.strongroom.consoleUrl}/assets/console.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('.table-wrap');
    const js = await fetch(`${server.strongroom.consoleUrl}/assets/console.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain('data-copy-target');
  });
});

describe('clock', () => {
  const clockNow = async () => ((await (await fetch(`${server.url}/_strongroom/clock`)).json()) as { now: string; offsetSeconds: number });

  it('advances a day, a week, 30 days, and goes back to real time', async () => {
    const b = await browser();
    expect((await b.get('/clock')).text).toContain('data-test="advance-30-days"');
    const day = await b.post('/clock/advance', { seconds: '86400' });
    expect(day.location).toBe(`/_strongroom/console/clock?account=${ACCOUNT}&region=${REGION}&done=moved`);
    expect((await clockNow()).offsetSeconds).toBe(86400);
    await b.post('/clock/advance', { seconds: '604800' });
    await b.post('/clock/advance', { seconds: '2592000' });
    expect((await clockNow()).offsetSeconds).toBe(86400 + 604800 + 2592000);
    const odd = await b.post('/clock/advance', { seconds: '5' });
    expect(odd.location).toMatch(/done=refused$/);
    expect((await clockNow()).offsetSeconds).toBe(86400 + 604800 + 2592000);
    await b.post('/clock/reset', {});
    expect((await clockNow()).offsetSeconds).toBe(0);
  });

  it('runs what the move made due: a deletion window ends', async () => {
    const { arn } = await createSecret('app/db', 'v');
    await server.sm().send(new DeleteSecretCommand({ SecretId: arn, RecoveryWindowInDays: 7 }));
    const b = await browser();
    await b.post('/clock/advance', { seconds: '604800' });
    await b.post('/clock/advance', { seconds: '86400' });
    expect(all((await b.get('/secrets?deleted=true')).text, /data-test="secret-row" data-name="([^"]*)"/g)).toEqual([]);
  });

  it('goes back to a console page it is given, never to another site', async () => {
    const b = await browser();
    const back = `/_strongroom/console/secrets?account=${ACCOUNT}&region=${REGION}`;
    expect((await b.post('/clock/advance', { seconds: '86400', back })).location).toBe(back);
    for (const elsewhere of ['https://evil.example/', '//evil.example/_strongroom/console', '/_strongroom/console.evil', '/_strongroom/console/\\evil']) {
      expect((await b.post('/clock/advance', { seconds: '86400', back: elsewhere })).location).toMatch(/^\/_strongroom\/console\/clock\?/);
    }
  });
});

describe('console: false', () => {
  it('answers 404 at the console path', async () => {
    const off = await startServer({ console: false });
    try {
      expect(off.strongroom.consoleUrl).toBeUndefined();
      for (const path of ['/_strongroom/console', '/_strongroom/console/secrets', '/_strongroom/console/assets/console.css']) {
        expect((await fetch(`${off.url}${path}`)).status).toBe(404);
      }
    } finally {
      await off.close();
    }
  });
});
