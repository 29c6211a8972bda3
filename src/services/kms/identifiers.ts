// KMS identifiers: key ids (UUID, or mrk- + 32 hex for multi-Region keys), key ARNs, alias
// names and alias ARNs.
import { randomBytes, randomUUID } from 'node:crypto';
import { partition } from '../../regions';

export const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MRK_ID = /^mrk-[0-9a-f]{32}$/;
export const ALIAS_PREFIX = 'alias/';
export const AWS_ALIAS_PREFIX = 'alias/aws/';

export function isKeyId(id: string): boolean {
  return KEY_ID.test(id) || MRK_ID.test(id);
}

export function newKeyId(multiRegion: boolean): string {
  return multiRegion ? `mrk-${randomBytes(16).toString('hex')}` : randomUUID();
}

export function keyArn(region: string, account: string, keyId: string): string {
  return `arn:${partition(region)}:kms:${region}:${account}:key/${keyId}`;
}

export function aliasArn(region: string, account: string, aliasName: string): string {
  return `arn:${partition(region)}:kms:${region}:${account}:${aliasName}`;
}
