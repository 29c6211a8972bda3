import type { RequestContext } from '../../pipeline/context';
import type { KmsEngine } from './engine';

/** What a KMS handler receives: the request's scope and the engine. */
export interface KmsContext extends RequestContext {
  kms: KmsEngine;
}
