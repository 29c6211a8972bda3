// AssumeRole against a small IAM directory of its own: the session principal it issues
// credentials for (a known role's id, maximum session and tags), and the authorization target the
// authorize step evaluates (the role's trust policy and the request's condition keys).
import type { PolicyDocument } from '../../../src/auth/policy/grammar';
import type { IamDirectory, RoleRecord } from '../../../src/auth/types';
import { rootPrincipal, type Principal } from '../../../src/pipeline/context';
import { AssumeRole } from '../../../src/services/sts/operations/AssumeRole';
import { authorizeSts } from '../../../src/services/sts/authorization';
import type { StsContext } from '../../../src/services/sts/context';

const TRUST: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] };
const ROLE: RoleRecord = {
  name: 'reader',
  accountId: '444455556666',
  arn: 'arn:aws:iam::444455556666:role/team/reader',
  roleId: 'AROAEXAMPLEROLEID0001',
  trustPolicy: TRUST,
  maxSessionDuration: 7200,
  tags: { team: 'blue', tier: 'gold' },
};
const NOW = new Date(Date.UTC(2026, 0, 1));

function setup(): { ctx: StsContext; issued: { principal: Principal; expiration: Date }[] } {
  const issued: { principal: Principal; expiration: Date }[] = [];
  const directory: IamDirectory = {
    owner: () => undefined,
    identityPolicies: () => [],
    role: (arn) => (arn === ROLE.arn ? ROLE : undefined),
    accountOfKey: () => undefined,
    issue(principal, expiration) {
      issued.push({ principal, expiration });
      return { accessKeyId: 'ASIAEXAMPLE000000001', secretAccessKey: 'secret', sessionToken: 'token', expiration };
    },
  };
  const principal = rootPrincipal('111122223333', '111122223333');
  const ctx: StsContext = {
    requestId: 'r',
    service: 'sts',
    operation: 'AssumeRole',
    principal,
    accountId: principal.accountId,
    region: 'us-east-1',
    accessKeyId: principal.accessKeyId,
    now: NOW,
    resources: [],
    sts: { directory, defaultAccount: '000000000000' },
  };
  return { ctx, issued };
}

describe('AssumeRole of a role the directory knows', () => {
  it('issues a session of the role: its id, its tags overridden by the session tags, the session policy', () => {
    const { ctx, issued } = setup();
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] });
    const out = AssumeRole(ctx, { RoleArn: ROLE.arn, RoleSessionName: 'alice', DurationSeconds: 7200, Policy: policy, Tags: [{ Key: 'team', Value: 'red' }] });
    expect(out.AssumedRoleUser).toEqual({ AssumedRoleId: 'AROAEXAMPLEROLEID0001:alice', Arn: 'arn:aws:sts::444455556666:assumed-role/reader/alice' });
    expect(out.Credentials!.Expiration).toEqual(new Date(NOW.getTime() + 7200 * 1000));
    expect(issued).toHaveLength(1);
    expect(issued[0].principal).toMatchObject({
      accountId: '444455556666',
      type: 'AssumedRole',
      arn: 'arn:aws:sts::444455556666:assumed-role/reader/alice',
      principalArn: ROLE.arn,
      principalId: 'AROAEXAMPLEROLEID0001:alice',
      tags: { team: 'red', tier: 'gold' },
      sessionPolicies: [policy],
      session: { issuerArn: ROLE.arn, issuerPrincipalId: ROLE.roleId, issuerType: 'Role', createdAt: NOW.toISOString() },
    });
  });

  it("refuses a DurationSeconds over the role's MaxSessionDuration", () => {
    const { ctx } = setup();
    expect(() => AssumeRole(ctx, { RoleArn: ROLE.arn, RoleSessionName: 'alice', DurationSeconds: 7201 })).toThrow('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  });
});

describe('the authorization of AssumeRole', () => {
  it("is sts:AssumeRole on the role, decided by its trust policy, with the request's keys", async () => {
    const { ctx } = setup();
    const input = { RoleArn: ROLE.arn, RoleSessionName: 'alice', ExternalId: 'ext-1', SourceIdentity: 'alice@corp', Tags: [{ Key: 'Team', Value: 'red' }, { Key: 'env', Value: 'dev' }] };
    expect(await authorizeSts(ctx, 'AssumeRole', input)).toEqual([
      {
        action: 'sts:AssumeRole',
        resource: ROLE.arn,
        resourceAccount: '444455556666',
        resourcePolicy: TRUST,
        resourcePolicyKind: 'trust',
        conditions: {
          'sts:rolesessionname': ['alice'],
          'sts:externalid': ['ext-1'],
          'sts:sourceidentity': ['alice@corp'],
          'aws:requesttag/team': ['red'],
          'aws:requesttag/env': ['dev'],
          'aws:tagkeys': ['Team', 'env'],
        },
      },
    ]);
  });

  it('gives a role the directory does not know no trust policy: nothing allows assuming it', async () => {
    const { ctx } = setup();
    const [target] = await authorizeSts(ctx, 'AssumeRole', { RoleArn: 'arn:aws:iam::444455556666:role/ghost', RoleSessionName: 's1' });
    expect(target.resourcePolicy).toBeUndefined();
    expect(target.resourceAccount).toBe('444455556666');
  });

  it('needs nothing for the other operations', async () => {
    const { ctx } = setup();
    for (const op of ['GetCallerIdentity', 'GetSessionToken', 'GetAccessKeyInfo']) expect(await authorizeSts(ctx, op, {})).toEqual([]);
  });
});
