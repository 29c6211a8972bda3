import { ownSessionPrincipal } from '../../../auth/principals';
import { AccessDeniedException } from '../../../protocol/errors';
import type { GetSessionTokenRequest, GetSessionTokenResponse } from '../../../protocol/generated/sts';
import type { StsContext } from '../context';
import { credentialsOf } from '../credentials';

/** AWS's default session of an IAM user (12 hours); the model bounds DurationSeconds to 900…129600. */
const DEFAULT_DURATION = 43200;
/** A root session lasts at most an hour: a longer one asked for is cut to it (GetSessionToken API reference). */
const ROOT_MAX_DURATION = 3600;

/** Temporary credentials of the caller itself (an IAM user or root); never from temporary credentials. */
export function GetSessionToken(ctx: StsContext, input: GetSessionTokenRequest): GetSessionTokenResponse {
  const { principal } = ctx;
  if (principal.session) throw new AccessDeniedException('Cannot call GetSessionToken with session credentials');
  const requested = input.DurationSeconds ?? DEFAULT_DURATION;
  const duration = principal.type === 'Root' ? Math.min(requested, ROOT_MAX_DURATION) : requested;
  const expiration = new Date(ctx.now.getTime() + duration * 1000);
  return { Credentials: credentialsOf(ctx.sts.directory.issue(ownSessionPrincipal(principal, ctx.now, expiration), expiration)) };
}
