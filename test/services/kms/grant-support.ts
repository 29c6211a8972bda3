// Shared by the grant operation tests.
import { CreateGrantCommand, ListGrantsCommand, type CreateGrantRequest, type GrantListEntry, type KMSClient, type ListGrantsResponse } from '@aws-sdk/client-kms';

export const GRANTEE = 'arn:aws:iam::111122223333:role/app';
export const RETIRER = 'arn:aws:iam::111122223333:user/ops';

export async function createGrant(kms: KMSClient, KeyId: string, input: Partial<CreateGrantRequest> = {}): Promise<{ GrantId: string; GrantToken: string }> {
  const { GrantId, GrantToken } = await kms.send(new CreateGrantCommand({ KeyId, GranteePrincipal: GRANTEE, Operations: ['Encrypt', 'Decrypt'], ...input }));
  return { GrantId: GrantId!, GrantToken: GrantToken! };
}

/** Every grant a grant listing returns, following NextMarker (checked absent on the last page); `pages` counts the calls. */
export async function allGrantPages(list: (Marker: string | undefined) => Promise<ListGrantsResponse>): Promise<{ grants: GrantListEntry[]; pages: number }> {
  const grants: GrantListEntry[] = [];
  let Marker: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await list(Marker);
    grants.push(...page.Grants!);
    if (!page.Truncated) {
      expect(page.NextMarker).toBeUndefined();
      return { grants, pages };
    }
    Marker = page.NextMarker;
  }
}

/** Every grant of a key, page by page. */
export function listAllGrants(kms: KMSClient, KeyId: string, Limit?: number): Promise<{ grants: GrantListEntry[]; pages: number }> {
  return allGrantPages((Marker) => kms.send(new ListGrantsCommand({ KeyId, Limit, Marker })));
}
