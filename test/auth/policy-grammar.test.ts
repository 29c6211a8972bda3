import { grantsPublicAccess, parsePolicy, PolicySyntaxError } from '../../src/auth/policy/grammar';

const doc = (statement: object | object[], extra: object = {}) => JSON.stringify({ Version: '2012-10-17', Statement: statement, ...extra });
const allow = (more: object) => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*', ...more });

function syntaxError(text: string, options?: { requirePrincipal?: boolean }): PolicySyntaxError {
  try {
    parsePolicy(text, options);
  } catch (err) {
    if (err instanceof PolicySyntaxError) return err;
    throw err;
  }
  throw new Error('expected a syntax error');
}

describe('parsePolicy', () => {
  it('accepts what AWS accepts', () => {
    const accepted = [
      doc(allow({ Principal: '*' })),
      doc([allow({ Principal: { AWS: ['arn:aws:iam::111122223333:root', '111122223333', 'arn:aws:iam::111122223333:role/app'] } })]),
      doc(allow({ Principal: { Service: 'lambda.amazonaws.com' } }), { Id: 'policy-1' }),
      doc(allow({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' }, Bool: { 'aws:SecureTransport': true } } })),
      doc({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, NotAction: ['secretsmanager:Describe*'], NotResource: 'arn:aws:secretsmanager:*' }),
      doc({ Sid: 'All', Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com', CanonicalUser: 'abc' }, Action: '*' }),
      JSON.stringify({ Statement: allow({ Principal: '*' }) }),
      JSON.stringify({ Version: '2008-10-17', Statement: [allow({ Principal: '*' })] }),
    ];
    for (const text of accepted) expect(() => parsePolicy(text)).not.toThrow();
    expect(parsePolicy(doc(allow({ Principal: '*' }))).Statement).toHaveLength(1);
  });

  it('names the first problem of a malformed policy', () => {
    expect(syntaxError('{not json').message).toBe('The policy is not valid JSON.');
    expect(syntaxError('[]').message).toBe('The policy must be a JSON object.');
    expect(syntaxError(JSON.stringify({ Version: '2012-10-17' })).message).toBe('The policy must have at least one statement.');
    expect(syntaxError(doc(allow({ Principal: '*' }), { Extra: 1 })).message).toBe('The policy has an unknown element: Extra.');
    expect(syntaxError(doc(allow({ Principal: '*' }), { Version: '2020-01-01' })).message).toBe('Unsupported policy version: 2020-01-01.');
    expect(syntaxError(doc(allow({ Principal: '*', Effect: 'Maybe' }))).message).toBe('Effect must be Allow or Deny.');
    expect(syntaxError(doc({ Effect: 'Allow', Principal: '*' })).message).toBe('A statement must have Action or NotAction.');
    expect(syntaxError(doc(allow({ Principal: '*', NotAction: 'x:y' }))).message).toBe("A statement can't have both Action and NotAction.");
    expect(syntaxError(doc(allow({ Principal: '*', Action: 'GetSecretValue' }))).message).toBe('Action has an invalid action: GetSecretValue.');
    expect(syntaxError(doc(allow({ Principal: '*', Colour: 'red' }))).message).toBe('Statement has an unknown element: Colour.');
    expect(syntaxError(doc(allow({ Principal: '*', Condition: { StringEquals: 'x' } }))).message).toBe('Condition StringEquals must be a map of condition keys.');
    expect(syntaxError(doc(allow({})))).toMatchObject({ message: 'A statement must have Principal or NotPrincipal.' });
    expect(() => parsePolicy(doc(allow({})), { requirePrincipal: false })).not.toThrow();
  });

  it('tells unsupported principals apart', () => {
    expect(syntaxError(doc(allow({ Principal: { AWS: 'not-a-principal' } })))).toMatchObject({ unsupportedPrincipal: true });
    expect(syntaxError(doc(allow({ Principal: { Group: 'x' } })))).toMatchObject({ unsupportedPrincipal: true });
    expect(syntaxError(doc(allow({ Principal: 'someone' })))).toMatchObject({ unsupportedPrincipal: false });
  });
});

describe('grantsPublicAccess', () => {
  const publicity = (statement: object) => grantsPublicAccess(parsePolicy(doc(statement)));

  it('finds Allow statements for everyone', () => {
    expect(publicity(allow({ Principal: '*' }))).toBe(true);
    expect(publicity(allow({ Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } }))).toBe(true);
    expect(publicity(allow({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }))).toBe(true);
  });

  it('accepts statements limited to known callers, denials and service principals', () => {
    expect(publicity(allow({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }))).toBe(false);
    expect(publicity(allow({ Principal: { Service: 'lambda.amazonaws.com' } }))).toBe(false);
    expect(publicity({ ...allow({ Principal: '*' }), Effect: 'Deny' })).toBe(false);
    expect(publicity(allow({ Principal: '*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }))).toBe(false);
    expect(publicity(allow({ Principal: '*', Condition: { StringEquals: { 'AWS:PrincipalOrgID': ['o-abc', 'o-def'] } } }))).toBe(false);
  });

  it('does not count wildcards, negations or unrelated keys as limits', () => {
    expect(publicity(allow({ Principal: '*', Condition: { StringEquals: { 'aws:SourceAccount': '*' } } }))).toBe(true);
    expect(publicity(allow({ Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } } }))).toBe(true);
    expect(publicity(allow({ Principal: '*', Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } } }))).toBe(true);
    expect(publicity(allow({ Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))).toBe(true);
  });
});
