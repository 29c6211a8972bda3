// The query protocol's pieces on their own: form parameters decoded into model members, results
// and errors written as XML, and the pipeline's errors named as STS names them.
import { AccessDeniedException, AwsError, InternalFailure, MalformedPolicyDocumentException, PackedPolicyTooLargeException, UnrecognizedClientException, ValidationException } from '../../../src/protocol/errors';
import { loadModel, type ServiceModel } from '../../../src/protocol/model';
import { decodeQuery, queryError, xmlError, xmlResult } from '../../../src/protocol/query';

const sts = loadModel('sts');

describe('decodeQuery', () => {
  it('reads members, lists of structures (A.member.N.B) and integers by the model', () => {
    const params = new URLSearchParams(
      'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fr&RoleSessionName=s+1&DurationSeconds=900' +
        '&Tags.member.1.Key=team&Tags.member.1.Value=blue&Tags.member.2.Key=env&Tags.member.2.Value=' +
        '&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FX&TransitiveTagKeys.member.1=team&Unknown=1',
    );
    expect(decodeQuery(sts, 'AssumeRoleRequest', params)).toEqual({
      RoleArn: 'arn:aws:iam::111122223333:role/r',
      RoleSessionName: 's 1',
      DurationSeconds: 900,
      Tags: [
        { Key: 'team', Value: 'blue' },
        { Key: 'env', Value: '' },
      ],
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/X' }],
      TransitiveTagKeys: ['team'],
    });
  });

  it('reads an empty list sent as the bare name, and stops a list at the first missing index', () => {
    expect(decodeQuery(sts, 'AssumeRoleRequest', new URLSearchParams('Tags=&TransitiveTagKeys.member.1=a&TransitiveTagKeys.member.3=c'))).toEqual({ Tags: [], TransitiveTagKeys: ['a'] });
  });

  it('leaves a number that is not one as text, for the model check to refuse', () => {
    expect(decodeQuery(sts, 'GetSessionTokenRequest', new URLSearchParams('DurationSeconds=12h'))).toEqual({ DurationSeconds: '12h' });
  });

  it('reads maps (A.entry.N.key/value), booleans and timestamps', () => {
    const model: ServiceModel = {
      name: 'sts',
      metadata: { apiVersion: 'x', signingName: 'x', protocol: 'query' },
      operations: {},
      errorMessageKey: 'message',
      shapes: {
        In: { type: 'structure', members: { Labels: { shape: 'Labels' }, On: { shape: 'Bool' }, At: { shape: 'Time' }, Since: { shape: 'Time' } } },
        Labels: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
        Str: { type: 'string' },
        Bool: { type: 'boolean' },
        Time: { type: 'timestamp' },
      },
    };
    const params = new URLSearchParams('Labels.entry.1.key=a&Labels.entry.1.value=1&Labels.entry.2.key=__proto__&Labels.entry.2.value=2&On=true&At=2026-01-02T03:04:05Z&Since=1767225600');
    const out = decodeQuery(model, 'In', params) as { Labels: Record<string, string>; On: string; At: Date; Since: Date };
    expect(Object.entries(out.Labels)).toEqual([
      ['a', '1'],
      ['__proto__', '2'],
    ]);
    expect(out.On).toBe('true');
    expect(out.At.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(out.Since.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('xmlResult', () => {
  it('writes the output shape in order, timestamps in ISO 8601 UTC, text escaped, unset members left out', () => {
    const result = {
      Credentials: { AccessKeyId: 'ASIAX', SecretAccessKey: 's&<>', SessionToken: 't', Expiration: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) },
      AssumedRoleUser: { Arn: 'arn:aws:sts::1:assumed-role/r/s', AssumedRoleId: 'AROAX:s' },
      PackedPolicySize: 6,
      Extra: 'dropped',
    };
    expect(xmlResult(sts, 'AssumeRole', result, 'req-1')).toBe(
      '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>' +
        '<Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>s&amp;&lt;&gt;</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2026-01-02T03:04:05.000Z</Expiration></Credentials>' +
        '<AssumedRoleUser><AssumedRoleId>AROAX:s</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser><PackedPolicySize>6</PackedPolicySize>' +
        '</AssumeRoleResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></AssumeRoleResponse>',
    );
  });
});

describe('queryError', () => {
  it.each([
    [new AccessDeniedException('no'), { status: 403, code: 'AccessDenied', message: 'no' }],
    [new UnrecognizedClientException('The security token included in the request is invalid.'), { status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' }],
    [new ValidationException('1 validation error detected: …'), { status: 400, code: 'ValidationError', message: '1 validation error detected: …' }],
    [new MalformedPolicyDocumentException('bad'), { status: 400, code: 'MalformedPolicyDocument', message: 'bad' }],
    [new PackedPolicyTooLargeException('big'), { status: 400, code: 'PackedPolicyTooLarge', message: 'big' }],
    [new InternalFailure(), { status: 500, code: 'InternalFailure', message: 'An internal error occurred.' }],
  ] as [AwsError, object][])('names %p as STS does', (err, expected) => {
    expect(queryError(err, sts)).toEqual(expected);
  });

  it('writes a server fault as the Receiver', () => {
    expect(xmlError({ status: 500, code: 'InternalFailure', message: 'a < b' }, 'ns', 'r')).toBe(
      '<ErrorResponse xmlns="ns"><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>a &lt; b</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    );
  });
});
