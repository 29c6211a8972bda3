// The record step: the one exit every call passes, answered or failed, from any door. It
// writes the log line; the audit trail will write its event here.
import type { Logger } from '../../log';
import type { RequestContext } from '../context';

/** What the log line needs of a call that may have failed before its context was complete. */
export type Recorded = Partial<Pick<RequestContext, 'operation' | 'accountId' | 'region' | 'invokedBy'>> & { requestId: string };

export function recordStep(logger: Logger, call: Recorded, status: number, startedAt: number): void {
  // A call one service makes for another, or a seed's, is detail: the caller's own line says it.
  const level = call.invokedBy ? 'debug' : 'info';
  if (!logger.enabled(level)) return;
  const ms = (performance.now() - startedAt).toFixed(1);
  const via = call.invokedBy ? ` via=${call.invokedBy}` : '';
  logger[level](`${call.operation ?? '-'} ${status} ${ms}ms account=${call.accountId ?? '-'} region=${call.region ?? '-'} id=${call.requestId}${via}`);
}
