import type { RequestScope } from '../service';
import type { KmsEngine } from './engine';

/** What a KMS handler receives: the request's scope and the engine. */
export interface KmsContext extends RequestScope {
  kms: KmsEngine;
}
