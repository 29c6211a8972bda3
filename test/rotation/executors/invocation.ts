// A rotation event and an invocation for executor tests, with the function's log collected.
import { join } from 'node:path';
import { rootPrincipal } from '../../../src/pipeline/context';
import type { Invocation, RotationEvent } from '../../../src/rotation/functions';

export const FIXTURES = join(__dirname, '../../fixtures/rotation');

export const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:rotate-app-db';

export function rotationEvent(step: RotationEvent['Step'] = 'createSecret'): RotationEvent {
  return {
    Step: step,
    SecretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:app/db-AbCdEf',
    ClientRequestToken: 'c0ffee00-0000-4000-8000-000000000001',
    RotationToken: 'r0ffee00-0000-4000-8000-000000000002',
  };
}

export function invocation(overrides: Partial<Invocation> = {}): Invocation & { lines: string[] } {
  const lines: string[] = [];
  return {
    functionArn: ARN,
    functionName: 'rotate-app-db',
    accountId: '000000000000',
    region: 'us-east-1',
    timeoutMs: 10_000,
    env: { SECRETS_MANAGER_ENDPOINT: 'http://127.0.0.1:4584', AWS_REGION: 'us-east-1' },
    principal: rootPrincipal('000000000000', '000000000000'),
    log: (line) => lines.push(line),
    lines,
    ...overrides,
  };
}
