// What the CLI prints once the server listens: where it is, where its state lives, what the
// seed files declared, and the lines a user can paste to point the AWS CLI and SDKs at it.
// The first line keeps the form `… listening on <url>`, which scripts and tests wait for.
import type { AuthMode } from './auth/types';
import type { Strongroom } from './index';

export type BannerFacts = Pick<Strongroom, 'url' | 'dataDir' | 'seeds' | 'consoleUrl' | 'defaultCredentials' | 'agentUrl'> & {
  version: string;
  auth: AuthMode;
  /** The region requests without one in their credential act in: what AWS_REGION should say. */
  region: string;
};

/** `3 secrets`, `1 alias`: the kinds are the seed sections' plural list names. */
function counted(count: number, kind: string): string {
  if (count !== 1) return `${count} ${kind}`;
  return `1 ${kind.endsWith('ses') ? kind.slice(0, -2) : kind.replace(/s$/, '')}`;
}

function seedLine({ file, counts }: BannerFacts['seeds'][number]): string {
  const parts = Object.entries(counts).map(([kind, count]) => counted(count, kind));
  return `${file} — ${parts.join(', ') || 'nothing declared'}`;
}

export function bannerLines(facts: BannerFacts): string[] {
  const [firstSeed, ...moreSeeds] = facts.seeds.map(seedLine);
  // Open mode takes any access key; the other modes only known ones, `test` unless a seed turned it off.
  const credentials =
    facts.auth === 'open' || facts.defaultCredentials
      ? '  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test'
      : "  # the default key 'test' is off: export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY of a seed's iam section";
  return [
    `strongroom ${facts.version} listening on ${facts.url}`,
    `  data:    ${facts.dataDir === undefined ? 'in memory (gone when the process ends)' : `${facts.dataDir} (on disk)`}`,
    `  seeds:   ${firstSeed ?? 'none'}`,
    ...moreSeeds.map((line) => `           ${line}`),
    `  console: ${facts.consoleUrl ?? 'off'}`,
    ...(facts.agentUrl ? [`  agent:   ${facts.agentUrl} (Secrets Manager Agent and Lambda extension routes)`] : []),
    `  auth:    ${facts.auth}`,
    'Point the AWS CLI and SDKs here:',
    `  export AWS_ENDPOINT_URL=${facts.url}`,
    credentials,
    `  export AWS_REGION=${facts.region}`,
  ];
}
