// Key policies KMS writes itself: the default policy of a key created through the API, and
// the policy of an AWS managed key (usable only through its service).
import { MalformedPolicyDocumentException, NotFoundException } from '../../protocol/errors';
import { partition } from '../../regions';
import { parsePolicy, PolicySyntaxError } from '../../auth/policy/grammar';

/**
 * AWS returns the policies it writes in Jackson's default pretty print: `"Key" : value`,
 * arrays opened as `[ {` on one line. Reproduced so GetKeyPolicy text matches byte for byte.
 */
function awsPrettyJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((v) => awsPrettyJson(v, indent)).join(', ')} ]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{ }';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${awsPrettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** AWS's exact default key policy for keys created without a Policy. */
export function defaultKeyPolicy(accountId: string, region: string): string {
  return awsPrettyJson(
    {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:${partition(region)}:iam::${accountId}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
  });
}

/** The policy of the AWS managed key for `service` (e.g. secretsmanager). */
export function awsManagedKeyPolicy(accountId: string, region: string, service: string): string {
  const via = `${service}.${region}.amazonaws.com`;
  return awsPrettyJson(
    {
      Version: '2012-10-17',
      Id: `auto-${service}-2`,
      Statement: [
        {
          Sid: `Allow access through ${service} for all principals in the account that are authorized to use ${service}`,
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
          Resource: '*',
          Condition: { StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': via } },
        },
        {
          Sid: 'Allow direct access to key metadata to the account',
          Effect: 'Allow',
          Principal: { AWS: `arn:${partition(region)}:iam::${accountId}:root` },
          Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
          Resource: '*',
        },
      ],
  });
}

/**
 * Rejects a key policy that is not a valid IAM policy document (shared grammar with Secrets
 * Manager resource policies). A principal AWS does not accept gets KMS's own wording.
 */
export function checkKeyPolicy(policy: string): void {
  try {
    parsePolicy(policy);
  } catch (err) {
    if (!(err instanceof PolicySyntaxError)) throw err;
    throw new MalformedPolicyDocumentException(err.unsupportedPrincipal ? 'Policy contains a statement with one or more invalid principals.' : err.message);
  }
}

/** The one policy name a key has. */
export const DEFAULT_POLICY_NAME = 'default';

/** PolicyName is optional; any name but `default` names no policy. */
export function checkPolicyName(name: string | undefined): void {
  if (name !== undefined && name !== DEFAULT_POLICY_NAME) throw new NotFoundException(`No such policy exists: ${name}`);
}
