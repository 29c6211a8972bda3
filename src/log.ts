// Plain line logging with a level threshold. One line per request at `info`.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
export const LOG_LEVELS = Object.keys(ORDER) as LogLevel[];

export class Logger {
  constructor(private readonly level: LogLevel = 'info') {}

  enabled(level: Exclude<LogLevel, 'silent'>): boolean {
    return ORDER[level] >= ORDER[this.level];
  }

  debug(message: string): void {
    if (this.enabled('debug')) process.stdout.write(`${message}\n`);
  }

  info(message: string): void {
    if (this.enabled('info')) process.stdout.write(`${message}\n`);
  }

  warn(message: string): void {
    if (this.enabled('warn')) process.stderr.write(`${message}\n`);
  }

  error(message: string, err?: unknown): void {
    if (this.enabled('error')) process.stderr.write(`${message}${err instanceof Error ? `\n${err.stack}` : err ? ` ${String(err)}` : ''}\n`);
  }
}
