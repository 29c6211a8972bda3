import type { Trail } from '../../audit/types';
import type { RequestContext } from '../../pipeline/context';

/** What a CloudTrail handler receives: the request's scope and the trail it reads. */
export interface CloudTrailContext extends RequestContext {
  trail: Pick<Trail, 'lookup'>;
}
