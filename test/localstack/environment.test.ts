// LocalStack's environment variables, read in compatibility mode only; Strongroom's own
// variables and flags win over them.
import { parseCli } from '../../src/cli';
import { servicesWarning } from '../../src/localstack/environment';

const parse = (argv: string[], env: NodeJS.ProcessEnv) => parseCli(argv, env) as Record<string, unknown>;

describe('in LocalStack compatibility', () => {
  it('is turned on by the flag or STRONGROOM_LOCALSTACK_COMPAT, with its port', () => {
    expect(parse(['--localstack-compat', '--localstack-port', '0'], {})).toMatchObject({ localstackCompat: true, localstackPort: 0 });
    expect(parse([], { STRONGROOM_LOCALSTACK_COMPAT: '1', STRONGROOM_LOCALSTACK_PORT: '4567' })).toMatchObject({ localstackCompat: true, localstackPort: 4567 });
    expect(() => parse([], { STRONGROOM_LOCALSTACK_COMPAT: 'maybe' })).toThrow("STRONGROOM_LOCALSTACK_COMPAT must be true or false, got 'maybe'");
  });

  it('takes the default region from DEFAULT_REGION, else AWS_DEFAULT_REGION, unless STRONGROOM_REGION or --region says', () => {
    const on = { STRONGROOM_LOCALSTACK_COMPAT: 'true' };
    expect(parse([], { ...on, DEFAULT_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-1' }).region).toBe('eu-west-1');
    expect(parse([], { ...on, AWS_DEFAULT_REGION: 'us-west-1' }).region).toBe('us-west-1');
    expect(parse([], { ...on, AWS_DEFAULT_REGION: 'us-west-1', STRONGROOM_REGION: 'ap-south-1' }).region).toBe('ap-south-1');
    expect(parse(['--region', 'sa-east-1'], { ...on, DEFAULT_REGION: 'eu-west-1' }).region).toBe('sa-east-1');
  });

  it('takes the port from GATEWAY_LISTEN, else the older EDGE_PORT', () => {
    const on = { STRONGROOM_LOCALSTACK_COMPAT: 'true' };
    expect(parse([], { ...on, GATEWAY_LISTEN: '0.0.0.0:4510,0.0.0.0:443', EDGE_PORT: '4999' }).localstackPort).toBe(4510);
    expect(parse([], { ...on, GATEWAY_LISTEN: '[::]:4511' }).localstackPort).toBe(4511);
    expect(parse([], { ...on, GATEWAY_LISTEN: '0.0.0.0' }).localstackPort).toBe(4566);
    expect(parse([], { ...on, EDGE_PORT: '4999' }).localstackPort).toBe(4999);
    expect(parse(['--localstack-port', '0'], { ...on, GATEWAY_LISTEN: ':4510' }).localstackPort).toBe(0);
    expect(() => parse([], { ...on, EDGE_PORT: 'http' })).toThrow("EDGE_PORT must name a port from 0 to 65535, got 'http'");
  });

  it("allows LOCALSTACK_HOST's name (the network alias Testcontainers sets) as a Host header", () => {
    const on = { STRONGROOM_LOCALSTACK_COMPAT: 'true' };
    expect(parse([], { ...on, LOCALSTACK_HOST: 'LocalStack:4566' }).allowedHosts).toEqual(['localstack']);
    expect(parse([], { ...on, LOCALSTACK_HOST: 'localstack', STRONGROOM_ALLOWED_HOSTS: 'app.internal' }).allowedHosts).toEqual(['app.internal', 'localstack']);
  });
});

it('ignores LocalStack variables without compatibility', () => {
  const parsed = parse([], { DEFAULT_REGION: 'eu-west-1', GATEWAY_LISTEN: ':4510', LOCALSTACK_HOST: 'localstack' });
  expect(parsed).toMatchObject({ region: undefined, localstackPort: undefined, allowedHosts: undefined });
});

describe('SERVICES', () => {
  it('warns when it names only services Strongroom does not emulate', () => {
    expect(servicesWarning({ SERVICES: 's3,sqs' })).toBe(
      'strongroom: SERVICES=s3,sqs names no service Strongroom emulates (it emulates Secrets Manager, KMS and STS, and CloudTrail LookupEvents); calls to s3, sqs will be refused.',
    );
  });

  it('is otherwise ignored', () => {
    expect(servicesWarning({ SERVICES: 'secretsmanager, s3' })).toBeUndefined();
    expect(servicesWarning({ SERVICES: 'KMS' })).toBeUndefined();
    expect(servicesWarning({})).toBeUndefined();
  });
});
