// 200 PutSecretValue calls on one secret at once: the per-secret lock and one batch per change
// must leave exactly one AWSCURRENT and one AWSPREVIOUS, and every acknowledged version.
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { advanceClock, useServer } from '../../helpers/server';
import { createSecret, stagesOf, token } from './helpers';

const server = useServer({ clock: 'reset' });

const WRITERS = 200;

describe('concurrent PutSecretValue on one secret', () => {
  it('keeps one AWSCURRENT, one AWSPREVIOUS and every acknowledged version', async () => {
    const first = token();
    await createSecret(server.sm(), { Name: 'hot', SecretString: 'v-initial', ClientRequestToken: first });
    const clients = Array.from({ length: 8 }, () => server.sm());
    const acknowledged = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        clients[i % clients.length].send(new PutSecretValueCommand({ SecretId: 'hot', SecretString: `v-${i}`, ClientRequestToken: token() })).then((r) => r.VersionId!),
      ),
    );
    expect(new Set(acknowledged).size).toBe(WRITERS);

    const versions = await stagesOf(server.sm(), 'hot', true);
    const labelled = (stage: string) => Object.keys(versions).filter((id) => versions[id].includes(stage));
    expect(labelled('AWSCURRENT')).toHaveLength(1);
    expect(labelled('AWSPREVIOUS')).toHaveLength(1);
    // Every version is younger than a day, so the retention rule may not drop any of them.
    expect(Object.keys(versions).sort()).toEqual([first, ...acknowledged].sort());
    const current = await server.sm().send(new GetSecretValueCommand({ SecretId: 'hot' }));
    expect(current.VersionId).toBe(labelled('AWSCURRENT')[0]);
    expect(current.SecretString).toBe(`v-${acknowledged.indexOf(current.VersionId!)}`);

    // A day later, one more write prunes the deprecated versions down to the newest 100.
    await advanceClock(server, 25 * 3600);
    const last = (await server.sm().send(new PutSecretValueCommand({ SecretId: 'hot', SecretString: 'v-last', ClientRequestToken: token() }))).VersionId!;
    const after = await stagesOf(server.sm(), 'hot', true);
    const deprecated = Object.keys(after).filter((id) => after[id].length === 0);
    expect(deprecated).toHaveLength(100);
    expect(after[last]).toEqual(['AWSCURRENT']);
    expect(after[current.VersionId!]).toEqual(['AWSPREVIOUS']);
    // The newest 100 deprecated stay: listings are in creation order, so they are the last 100
    // versions of the first listing other than the one that was AWSCURRENT then.
    const previousCurrent = current.VersionId!;
    expect(deprecated.sort()).toEqual(Object.keys(versions).filter((id) => id !== previousCurrent).slice(-100).sort());
  });
});
