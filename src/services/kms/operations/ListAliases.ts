import type { ListAliasesRequest, ListAliasesResponse } from '../../../protocol/generated/kms';
import { aliasEntry, PREDEFINED_ALIASES, type AliasEntry } from '../aliases';
import type { KmsContext } from '../context';
import { aliasArn } from '../identifiers';
import { findOwnKey } from '../management';
import { DEFAULT_LIMIT, paginate } from '../paging';

export async function ListAliases(ctx: KmsContext, input: ListAliasesRequest): Promise<ListAliasesResponse> {
  const limit = input.Limit ?? DEFAULT_LIMIT;
  const entries = input.KeyId === undefined ? await allAliases(ctx, input.Marker, limit + 1) : await aliasesOfKey(ctx, input.KeyId, input.Marker, limit + 1);
  // Aliases sort by name; the marker is the last name listed.
  const { items, NextMarker, Truncated } = paginate(entries, limit, (entry) => entry.AliasName);
  return { Aliases: items, NextMarker, Truncated };
}

/** Stored aliases merged, in name order, with the predefined AWS aliases whose key does not exist yet. */
async function allAliases(ctx: KmsContext, marker: string | undefined, count: number): Promise<AliasEntry[]> {
  const table = ctx.kms.repo.aliases(ctx.accountId, ctx.region);
  const stored = (await table.range({ gt: marker, limit: count })).map(([, alias]) => aliasEntry(ctx, alias));
  const candidates = PREDEFINED_ALIASES.filter((name) => marker === undefined || name > marker);
  const existing = await table.getMany(candidates);
  // AWS lists a predefined alias with its name and ARN only, no TargetKeyId, until first use.
  const predefined = candidates
    .filter((_, i) => existing[i] === undefined)
    .map((name): AliasEntry => ({ AliasName: name, AliasArn: aliasArn(ctx.region, ctx.accountId, name) }));
  // Both lists are sorted and `stored` holds `count` entries at most, so the first `count`
  // entries of the merge are exact.
  return [...stored, ...predefined].sort((a, b) => (a.AliasName < b.AliasName ? -1 : 1)).slice(0, count);
}

/** The aliases of one key of the caller's account (any state), after the marker. */
async function aliasesOfKey(ctx: KmsContext, keyId: string, marker: string | undefined, count: number): Promise<AliasEntry[]> {
  const key = await findOwnKey(ctx, keyId);
  const all = await ctx.kms.repo.aliases(ctx.accountId, ctx.region).range({ gt: marker });
  return all
    .filter(([, alias]) => alias.targetKeyId === key.keyId)
    .slice(0, count)
    .map(([, alias]) => aliasEntry(ctx, alias));
}
