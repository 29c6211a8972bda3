import type { IamDirectory } from '../../auth/types';
import type { RequestContext } from '../../pipeline/context';

/** What an STS handler receives: the request's scope, the IAM directory and the default account. */
export interface StsContext extends RequestContext {
  sts: { directory: IamDirectory; defaultAccount: string };
}
