// The region of a request comes from its credential scope, which any client fills as it likes,
// and every account and region holds state of its own. Only AWS's region names are regions;
// memory stays bounded however many accounts and regions clients name.
import { CreateSecretCommand, GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { ListKeysCommand } from '@aws-sdk/client-kms';
import { resolveOptions } from '../../src/config';
import { isRegionName } from '../../src/regions';
import { authHeader, awsError, useServer } from '../helpers/server';
import { awsHeaders, send } from './raw';

const server = useServer();

const listSecretsIn = (region: string) =>
  send(server.url, {
    headers: { ...awsHeaders('secretsmanager.ListSecrets'), authorization: authHeader(undefined, region, 'secretsmanager') },
    body: '{}',
  });

describe('region names', () => {
  it.each(['us east 1', 'é', '!us-east-1', 'us-east-1!', 'US-EAST-1', 'us-east-1a', 'localhost', 'us-east-', `us-${'x'.repeat(40)}-1`])(
    'refuses a credential scoped to %j with AWS signature error',
    async (region) => {
      const res = await listSecretsIn(region);
      expect(res.status).toBe(400);
      // Header bytes reach the server as latin1, as node:http reads them.
      const echoed = Buffer.from(region, 'utf8').toString('latin1');
      expect(res.json).toEqual({ __type: 'InvalidSignatureException', message: `Credential should be scoped to a valid region, not '${echoed}'. ` });
    },
  );

  it.each(['us-east-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1', 'us-isob-east-1', 'eu-isoe-west-1', 'eusc-de-east-1', 'il-central-1'])(
    'serves %s through the SDK',
    async (region) => {
      expect((await server.kms({ region }).send(new ListKeysCommand({}))).Keys).toEqual([]);
    },
  );

  it('refuses a bad region through the SDK too', async () => {
    expect(await awsError(() => server.sm({ region: 'moon-base-one' }).send(new ListSecretsCommand({})))).toEqual({
      name: 'InvalidSignatureException',
      message: "Credential should be scoped to a valid region, not 'moon-base-one'. ",
      status: 400,
    });
  });

  it('checks --region at start', () => {
    expect(() => resolveOptions({ region: 'us east 1' })).toThrow("region must be an AWS region name such as us-east-1, got 'us east 1'");
    expect(isRegionName('eu-central-2')).toBe(true);
  });
});

describe('many accounts and regions', () => {
  it('keeps every account’s state readable when more places are used than the store keeps tables for', async () => {
    // 400 accounts × 2 regions × (5 Secrets Manager tables) is well past the store's table bound.
    const places: [string, string][] = [];
    for (let i = 0; i < 400; i++) for (const region of ['us-east-1', 'eu-west-1']) places.push([String(100000000000 + i), region]);
    for (const [accessKeyId, region] of places) {
      await server.sm({ accessKeyId, region }).send(new CreateSecretCommand({ Name: 'app', SecretString: `${accessKeyId}@${region}` }));
    }
    for (const [accessKeyId, region] of [places[0], places[1], places[401], places[places.length - 1]]) {
      const { SecretString } = await server.sm({ accessKeyId, region }).send(new GetSecretValueCommand({ SecretId: 'app' }));
      expect(SecretString).toBe(`${accessKeyId}@${region}`);
    }
  });
});
