// --lambda-endpoint / STRONGROOM_LAMBDA_ENDPOINT / AWS_ENDPOINT_URL_LAMBDA: the flag wins, then
// Strongroom's variable, then the SDKs' own; a value that is not an http(s) URL stops the start.
import { HELP, parseCli } from '../../../src/cli';
import { resolveOptions } from '../../../src/config';

const lambdaEndpoint = (argv: string[], env: NodeJS.ProcessEnv) => (parseCli(argv, env) as { lambdaEndpoint?: string }).lambdaEndpoint;

describe('the Lambda endpoint option', () => {
  it('comes from the flag, then STRONGROOM_LAMBDA_ENDPOINT, then AWS_ENDPOINT_URL_LAMBDA', () => {
    const env = { STRONGROOM_LAMBDA_ENDPOINT: 'http://127.0.0.1:3001', AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:4566' };
    expect(lambdaEndpoint(['--lambda-endpoint', 'http://localhost:9000'], env)).toBe('http://localhost:9000');
    expect(lambdaEndpoint([], env)).toBe('http://127.0.0.1:3001');
    expect(lambdaEndpoint([], { AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:4566' })).toBe('http://127.0.0.1:4566');
    expect(lambdaEndpoint([], {})).toBeUndefined();
  });

  it('is documented in --help', () => {
    expect(HELP).toContain('--lambda-endpoint <url> STRONGROOM_LAMBDA_ENDPOINT');
    expect(HELP).toContain('AWS_ENDPOINT_URL_LAMBDA');
  });

  it('must be an http or https URL', () => {
    expect(resolveOptions({ lambdaEndpoint: 'https://lambda.example.test' }).lambdaEndpoint).toBe('https://lambda.example.test');
    expect(() => resolveOptions({ lambdaEndpoint: 'localhost:3001' })).toThrow("lambda endpoint must be an http or https URL, got 'localhost:3001'");
  });
});
