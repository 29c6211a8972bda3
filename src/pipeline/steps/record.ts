// The record step: the one exit every call passes, answered or failed, from any door. It
// writes the log line (naming the audit event of a call that failed); dispatch records the
// call's audit event just before it.
import type { Logger } from '../../log';
import type { RequestContext } from '../context';

/** What the log line needs of a call that may have failed before its context was complete. */
export type Recorded = Partial<Pick<RequestContext, 'operation' | 'accountId' | 'region' | 'invokedBy'>> & {
  requestId: string;
  /** Strongroom acting as itself (seed files, scheduled work): logged at debug, like calls one service makes for another. */
  trusted?: boolean;
  /** The call's audit event, once recorded: a failed call's line names it. */
  eventId?: string;
};

export function recordStep(logger: Logger, call: Recorded, status: number, startedAt: number): void {
  // A call one service makes for another, or Strongroom's own (a seed's), is detail: the
  // caller's own line says it.
  const level = call.invokedBy || call.trusted ? 'debug' : 'info';
  if (!logger.enabled(level)) return;
  const ms = (performance.now() - startedAt).toFixed(1);
  const via = call.invokedBy ? ` via=${call.invokedBy}` : '';
  const event = status !== 200 && call.eventId ? ` event=${call.eventId}` : '';
  logger[level](`${call.operation ?? '-'} ${status} ${ms}ms account=${call.accountId ?? '-'} region=${call.region ?? '-'} id=${call.requestId}${via}${event}`);
}
