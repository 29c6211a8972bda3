// The start banner: where the server listens, where its state lives, what each seed file
// declared, the console, the access mode, and the export lines to paste. Its first line keeps
// the `listening on <url>` form that scripts wait for.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bannerLines, type BannerFacts } from '../../src/banner';
import { VERSION } from '../../src/version';
import { buildCli, startCli } from '../helpers/cli-process';

const URL = 'http://127.0.0.1:4584';
const facts: BannerFacts = {
  version: '0.1.0',
  url: URL,
  dataDir: './.strongroom',
  seeds: [{ file: 'fixtures/demo.yaml', counts: { keys: 2, aliases: 1, secrets: 3, functions: 1 } }],
  consoleUrl: `${URL}/_strongroom/console`,
  auth: 'open',
  region: 'us-east-1',
  defaultCredentials: true,
};

describe('bannerLines', () => {
  it('names the endpoint, the data, the seeds with their counts, the console, the mode and the export lines', () => {
    expect(bannerLines(facts)).toEqual([
      'strongroom 0.1.0 listening on http://127.0.0.1:4584',
      '  data:    ./.strongroom (on disk)',
      '  seeds:   fixtures/demo.yaml — 2 keys, 1 alias, 3 secrets, 1 function',
      '  console: http://127.0.0.1:4584/_strongroom/console',
      '  auth:    open',
      'Point the AWS CLI and SDKs here:',
      '  export AWS_ENDPOINT_URL=http://127.0.0.1:4584',
      '  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test',
      '  export AWS_REGION=us-east-1',
    ]);
  });

  it('says in memory, none and off, and lists further seed files under the first', () => {
    const lines = bannerLines({ ...facts, dataDir: undefined, seeds: [], consoleUrl: undefined, region: 'eu-west-1' });
    expect(lines).toEqual(expect.arrayContaining(['  data:    in memory (gone when the process ends)', '  seeds:   none', '  console: off', '  export AWS_REGION=eu-west-1']));
    const seeds: BannerFacts['seeds'] = [
      { file: 'a.yaml', counts: { secrets: 1, aliases: 2 } },
      { file: 'b.json', counts: {} },
      { file: 'c.yaml', counts: { users: 1, roles: 0 } },
    ];
    expect(bannerLines({ ...facts, seeds }).slice(2, 5)).toEqual([
      '  seeds:   a.yaml — 1 secret, 2 aliases',
      '           b.json — nothing declared',
      '           c.yaml — 1 user, 0 roles',
    ]);
  });

  it("does not offer the key 'test' where only known keys work and a seed turned it off", () => {
    const credentials = (auth: BannerFacts['auth'], defaultCredentials: boolean) => bannerLines({ ...facts, auth, defaultCredentials })[7];
    expect(credentials('enforce', true)).toBe('  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test');
    expect(credentials('open', false)).toBe('  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test');
    expect(credentials('verify', false)).toBe("  # the default key 'test' is off: export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY of a seed's iam section");
  });
});

describe('the CLI', () => {
  let dir: string;
  let cli: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'strongroom-banner-'));
    cli = buildCli(join(dir, 'build'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the banner once it listens, with what each seed file declared', async () => {
    const seed = join(dir, 'seed.yaml');
    writeFileSync(
      seed,
      [
        'secretsmanager:',
        '  secrets: [{ name: app/db, secretString: one }, { name: app/api, secretString: two }]',
        'kms:',
        '  keys: [{ keyId: 4aa3a5d2-faa7-4791-a248-d7ddae9499de }]',
        '  aliases: [{ name: alias/app, targetKeyId: 4aa3a5d2-faa7-4791-a248-d7ddae9499de }]',
        'lambda:',
        '  functions: [{ name: rotate-app, builtin: password }]',
        '',
      ].join('\n'),
    );
    const server = await startCli(cli, ['--in-memory', '--seed', seed, '--region', 'eu-west-1']);
    try {
      const { url } = server;
      // After the log lines of the seeds' own calls.
      const lines = server.output().split('\n');
      const banner = lines.slice(lines.findIndex((line) => line.includes(' listening on ')));
      expect(banner.slice(0, 9)).toEqual([
        `strongroom ${VERSION} listening on ${url}`,
        '  data:    in memory (gone when the process ends)',
        `  seeds:   ${seed} — 2 secrets, 1 key, 1 alias, 1 function`,
        `  console: ${url}/_strongroom/console`,
        '  auth:    open',
        'Point the AWS CLI and SDKs here:',
        `  export AWS_ENDPOINT_URL=${url}`,
        '  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test',
        '  export AWS_REGION=eu-west-1',
      ]);
    } finally {
      await server.stop();
    }
  });
});
