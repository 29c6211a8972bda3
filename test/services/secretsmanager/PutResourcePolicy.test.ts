import { DeleteSecretCommand, GetResourcePolicyCommand, PutResourcePolicyCommand, type PutResourcePolicyCommandInput } from '@aws-sdk/client-secrets-manager';
import { awsError, useServer } from '../../helpers/server';
import { BAD_NAMES, createSecret, INVALID_NAME, MARKED_FOR_DELETION, NOT_FOUND } from './helpers';

const server = useServer({ reset: 'each' });

const put = (input: PutResourcePolicyCommandInput) => server.sm().send(new PutResourcePolicyCommand(input));
const PUBLIC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
const ACCOUNT_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['secretsmanager:GetSecretValue'], Resource: '*' }],
});

describe('PutResourcePolicy', () => {
  it('stores the policy text and answers ARN and Name (recorded)', async () => {
    const { ARN } = await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await put({ SecretId: 's', ResourcePolicy: PUBLIC })).toMatchObject({ ARN, Name: 's' });
    expect(JSON.parse((await server.sm().send(new GetResourcePolicyCommand({ SecretId: 's' }))).ResourcePolicy!)).toEqual(JSON.parse(PUBLIC));
    await put({ SecretId: ARN!, ResourcePolicy: ACCOUNT_ONLY, BlockPublicPolicy: true });
    expect((await server.sm().send(new GetResourcePolicyCommand({ SecretId: 's' }))).ResourcePolicy).toBe(ACCOUNT_ONLY);
  });

  it('refuses a public policy with BlockPublicPolicy', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await awsError(() => put({ SecretId: 's', ResourcePolicy: PUBLIC, BlockPublicPolicy: true }))).toEqual({
      name: 'PublicPolicyException',
      message: 'The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.',
      status: 400,
    });
  });

  it('refuses malformed policies', async () => {
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    expect(await awsError(() => put({ SecretId: 's', ResourcePolicy: '{"Version":' }))).toEqual({
      name: 'MalformedPolicyDocumentException',
      message: 'This resource policy contains a syntax error.',
      status: 400,
    });
    const badPrincipal = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'nobody' }, Action: 'secretsmanager:*', Resource: '*' }] });
    expect(await awsError(() => put({ SecretId: 's', ResourcePolicy: badPrincipal }))).toEqual({
      name: 'MalformedPolicyDocumentException',
      message: 'This resource policy contains an unsupported principal.',
      status: 400,
    });
  });

  it('answers AWS errors', async () => {
    expect(await awsError(() => put({ SecretId: 'nope', ResourcePolicy: PUBLIC }))).toEqual(NOT_FOUND);
    for (const name of BAD_NAMES) expect(await awsError(() => put({ SecretId: name, ResourcePolicy: PUBLIC }))).toEqual(INVALID_NAME);
    await createSecret(server.sm(), { Name: 's', SecretString: 'v' });
    await server.sm().send(new DeleteSecretCommand({ SecretId: 's' }));
    expect(await awsError(() => put({ SecretId: 's', ResourcePolicy: PUBLIC }))).toEqual(MARKED_FOR_DELETION);
  });
});
