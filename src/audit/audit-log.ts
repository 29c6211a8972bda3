// The `--audit-log FILE` appender: every event the trail commits, as one line of CloudTrail's
// JSON (JSON Lines), so `tail -f | jq` and log shippers can follow the trail. The file is only a
// copy: the trail in the store is the record, so a failing file (disk full, removed directory)
// is logged once and never fails a call.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Logger } from '../log';
import type { TrailEvent } from './types';

export interface AuditLog {
  /** Appends committed events, in commit order; never throws. */
  append(events: readonly TrailEvent[]): void;
  /** Flushes what is buffered and closes the file. */
  close(): Promise<void>;
}

export function openAuditLog(path: string, logger: Logger): AuditLog {
  // Appended to, never truncated; created for this user only (an existing file keeps its mode).
  const stream: WriteStream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  let failed = false;
  stream.on('error', (err) => {
    if (!failed) logger.error(`strongroom: writing the audit log ${path} failed; it is no longer written (the trail in the store is complete)`, err);
    failed = true;
  });
  return {
    append(events) {
      if (failed || events.length === 0) return;
      let lines = '';
      for (const event of events) lines += `${JSON.stringify(event)}\n`;
      stream.write(lines);
    },
    close() {
      return new Promise((resolve) => {
        if (stream.closed) return resolve();
        stream.end(() => resolve());
        // A stream that failed does not call end's callback: close() must settle anyway.
        stream.once('close', () => resolve());
      });
    },
  };
}
