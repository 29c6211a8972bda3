// How a resource-based policy statement's Principal or NotPrincipal names the caller (IAM User
// Guide, "AWS JSON policy elements: Principal"). Naming the caller itself lets the resource
// policy allow on its own; naming the caller's account delegates to the account, whose
// identity policies then decide (KMS's default key policy works this way). Service, Federated
// and CanonicalUser principals never name a user, role or root caller.
import type { EvaluatedPrincipal } from '../types';
import { list, type PolicyDocument } from './grammar';

type Statement = PolicyDocument['Statement'][number];
type PrincipalElement = NonNullable<Statement['Principal']>;

/**
 * `session`: the assumed-role session's own ARN (session policies do not bound what that
 * grants); `caller`: the caller otherwise (`*`, its ARN, its role's ARN, its account when the
 * caller is that account's root); `account`: the caller's account, for a user or role.
 */
export type Naming = 'session' | 'caller' | 'account';
const RANK: Record<Naming, number> = { account: 1, caller: 2, session: 3 };

/** The strongest of several namings. */
export const strongest = (namings: (Naming | undefined)[]): Naming | undefined =>
  namings.reduce<Naming | undefined>((best, n) => (n && (!best || RANK[n] > RANK[best]) ? n : best), undefined);

const ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;

function namingOf(id: string, principal: EvaluatedPrincipal): Naming | undefined {
  if (id === '*') return 'caller';
  if (id === principal.arn) return principal.arn === principal.principalArn ? 'caller' : 'session';
  if (id === principal.principalArn) return 'caller';
  const account = /^\d{12}$/.test(id) ? id : ROOT_ARN.exec(id)?.[1];
  if (account !== principal.accountId) return undefined;
  return principal.type === 'Root' ? 'caller' : 'account';
}

const naming = (element: PrincipalElement, principal: EvaluatedPrincipal): Naming | undefined =>
  element === '*' ? 'caller' : strongest(list(element.AWS).map((id) => namingOf(id, principal)));

/** How the statement names the caller, or undefined when it does not apply to the caller. A NotPrincipal statement applies to every caller it does not list. */
export function principalNaming(statement: Statement, principal: EvaluatedPrincipal): Naming | undefined {
  if (statement.Principal !== undefined) return naming(statement.Principal, principal);
  if (statement.NotPrincipal === undefined) return undefined;
  const excluded = naming(statement.NotPrincipal, principal);
  return excluded === undefined || excluded === 'account' ? 'caller' : undefined;
}
