// KMS aliases: AWS's name rules, the aliases of a key, and ListAliases entries, including the
// predefined `alias/aws/<service>` aliases AWS lists before their AWS managed key exists.
import type { AliasListEntry } from '../../protocol/generated/kms';
import { NotAuthorizedException, ValidationException } from '../../protocol/errors';
import type { KmsContext } from './context';
import { AWS_MANAGED_SERVICES, type KmsEngine } from './engine';
import { ALIAS_PREFIX, aliasArn, AWS_ALIAS_PREFIX } from './identifiers';
import type { AliasRecord } from './records';

/** Rules the service applies beyond the model's pattern, in AWS's order. */
export function checkAliasName(name: string): void {
  if (!name.startsWith(ALIAS_PREFIX)) {
    throw new ValidationException('Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  }
  // The model's pattern allows ':', the service does not.
  if (name.includes(':')) throw new ValidationException(`${name} contains invalid characters for an alias`);
  // alias/aws/ is reserved for AWS managed keys: no one creates, updates or deletes those aliases.
  if (name.startsWith(AWS_ALIAS_PREFIX)) throw new NotAuthorizedException();
}

/** Every alias that points at a key (a scan of the account's aliases: there are few). */
export async function aliasesOf(engine: KmsEngine, accountId: string, region: string, keyId: string): Promise<AliasRecord[]> {
  const all = await engine.repo.aliases(accountId, region).range();
  return all.map(([, alias]) => alias).filter((alias) => alias.targetKeyId === keyId);
}

/** A ListAliases entry: the name is always there (the model makes every member optional). */
export type AliasEntry = AliasListEntry & { AliasName: string };

export function aliasEntry(ctx: KmsContext, alias: AliasRecord): AliasEntry {
  return {
    AliasName: alias.aliasName,
    AliasArn: aliasArn(ctx.region, ctx.accountId, alias.aliasName),
    TargetKeyId: alias.targetKeyId,
    CreationDate: new Date(alias.createdAt),
    LastUpdatedDate: new Date(alias.updatedAt),
  };
}

/** The predefined AWS aliases, sorted: listed with name and ARN only until their key exists. */
export const PREDEFINED_ALIASES = Object.keys(AWS_MANAGED_SERVICES)
  .map((service) => `${AWS_ALIAS_PREFIX}${service}`)
  .sort();
