// The checks every built-in rotator makes before a step, as AWS's rotation templates make them,
// with the templates' error types and messages.
import { builtinFunction } from '../../../src/rotation/builtins';
import { invocation } from '../executors/invocation';
import { eventOf, SECRET_ARN, stubSecretsManager, TOKEN } from './stub';

async function invoke(described: Parameters<typeof stubSecretsManager>[0], step: Parameters<typeof eventOf>[0] = 'createSecret') {
  const stub = stubSecretsManager(described, { AWSCURRENT: '{"password":"old"}' });
  const result = await builtinFunction('password', stub.call)!.invoke(eventOf(step), invocation());
  return { result, operations: stub.calls.map((c) => c.operation) };
}

describe('the built-in rotators’ contract', () => {
  it('refuses a secret whose rotation is off', async () => {
    expect((await invoke({ RotationEnabled: false, VersionIdsToStages: { [TOKEN]: ['AWSPENDING'] } })).result).toEqual({
      ok: false,
      error: { errorType: 'ValueError', errorMessage: `Secret ${SECRET_ARN} is not enabled for rotation` },
    });
  });

  it('refuses a token that is no version of the secret, or one not staged AWSPENDING', async () => {
    expect((await invoke({ RotationEnabled: true, VersionIdsToStages: {} })).result).toEqual({
      ok: false,
      error: { errorType: 'ValueError', errorMessage: `Secret version ${TOKEN} has no stage for rotation of secret ${SECRET_ARN}.` },
    });
    expect((await invoke({ RotationEnabled: true, VersionIdsToStages: { [TOKEN]: ['AWSPREVIOUS'] } })).result).toEqual({
      ok: false,
      error: { errorType: 'ValueError', errorMessage: `Secret version ${TOKEN} not set as AWSPENDING for rotation of secret ${SECRET_ARN}.` },
    });
  });

  it('does nothing once the token is AWSCURRENT (a step run again after the rotation finished)', async () => {
    expect(await invoke({ RotationEnabled: true, VersionIdsToStages: { [TOKEN]: ['AWSCURRENT', 'AWSPENDING'] } }, 'finishSecret')).toEqual({
      result: { ok: true, payload: undefined },
      operations: ['DescribeSecret'],
    });
  });

  it('keeps a pending value already put (createSecret run again)', async () => {
    const stub = stubSecretsManager({ RotationEnabled: true, VersionIdsToStages: { [TOKEN]: ['AWSPENDING'] } }, { AWSCURRENT: '"old"', AWSPENDING: '"new"' });
    expect(await builtinFunction('password', stub.call)!.invoke(eventOf('createSecret'), invocation())).toEqual({ ok: true, payload: undefined });
    expect(stub.calls.map((c) => c.operation)).toEqual(['DescribeSecret', 'GetSecretValue', 'GetSecretValue']);
  });
});
