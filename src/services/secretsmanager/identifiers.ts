// Secret names and ARNs: `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6
// random letters and digits>`, and how a SecretId (name, full ARN or partial ARN) points at a
// secret, with AWS's rules (FIDELITY A1).
import { randomInt } from 'node:crypto';
import { ValidationException } from '../../protocol/errors';
import { partition } from '../../regions';
import { parseArn } from '../shared/arn';

const NAME = /^[A-Za-z0-9/_+=.@-]+$/;
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** A full ARN ends in `-` and the six random characters; a partial ARN is one without them. */
const FULL_ARN_TAIL = /-[A-Za-z0-9]{6}$/;

const INVALID_NAME = 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!';

/** AWS checks the name rule on every SecretId and Name, except ids that are ARNs. */
export function checkSecretId(id: string): void {
  if (!id.startsWith('arn:')) checkName(id);
}

export function checkName(name: string): void {
  if (!NAME.test(name)) throw new ValidationException(INVALID_NAME);
}

export function newArnSuffix(): string {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += SUFFIX_CHARS[randomInt(SUFFIX_CHARS.length)];
  return suffix;
}

export function secretArn(region: string, accountId: string, name: string, suffix: string): string {
  return `arn:${partition(region)}:secretsmanager:${region}:${accountId}:secret:${name}-${suffix}`;
}

/** The same secret's ARN in another region (replicas keep the name and the random suffix). */
export function arnInRegion(arn: string, region: string): string {
  const parts = arn.split(':');
  parts[1] = partition(region);
  parts[3] = region;
  return parts.join(':');
}

/** Where a SecretId points: a name in an account, and the ARN it must have when one was given in full. */
export interface SecretRef {
  accountId: string;
  name: string;
  /** Set for a full ARN: the secret must have exactly this ARN. */
  arn?: string;
}

/**
 * Resolves a SecretId in the caller's region. An ARN of another region or service points at
 * nothing; an ARN whose tail looks like `-XXXXXX` is a full ARN, even when the name itself ends
 * that way (AWS's documented partial-ARN pitfall).
 */
export function parseSecretId(id: string, scope: { accountId: string; region: string }): SecretRef | undefined {
  if (!id.startsWith('arn:')) return { accountId: scope.accountId, name: id };
  const arn = parseArn(id);
  if (!arn || arn.service !== 'secretsmanager' || arn.region !== scope.region || !arn.resource.startsWith('secret:')) return undefined;
  const rest = arn.resource.slice('secret:'.length);
  if (FULL_ARN_TAIL.test(rest)) return { accountId: arn.account, name: rest.slice(0, -7), arn: id };
  return rest ? { accountId: arn.account, name: rest } : undefined;
}

/** The name a SecretId names, for answers about secrets that do not exist. */
export function nameOf(id: string): string {
  const at = id.indexOf(':secret:');
  if (!id.startsWith('arn:') || at < 0) return id;
  const rest = id.slice(at + ':secret:'.length);
  return FULL_ARN_TAIL.test(rest) ? rest.slice(0, -7) : rest;
}
