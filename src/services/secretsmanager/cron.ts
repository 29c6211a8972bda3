// AWS's cron(...) expressions as Secrets Manager reads them (six fields: minutes, hours,
// day-of-month, month, day-of-week, year; UTC; `?` for "any"; day-of-week 1–7 = SUN–SAT),
// evaluated by cron-parser. The adapter turns AWS's form into cron-parser's (seconds first, no
// year, day-of-week 0–6 = SUN–SAT); rotation.ts has already required minutes 0 and year `*`.

/** cron-parser on first use (with luxon, some 7 ms of a start): only cron() schedules need it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cronParser = () => require('cron-parser') as typeof import('cron-parser');

/** The day-of-week field in cron-parser's numbering: every number not after `#` (the nth weekday) minus one. */
const dayOfWeek = (field: string) => field.replace(/(^|[^#\d])(\d+)/g, (_m, before: string, n: string) => `${before}${Number(n) - 1}`);

function parse(fields: string[], after: number) {
  const [minutes, hours, dayOfMonth, month, weekday] = fields;
  return cronParser().CronExpressionParser.parse(`0 ${minutes} ${hours} ${dayOfMonth} ${month} ${dayOfWeek(weekday)}`, { currentDate: new Date(after), tz: 'UTC', strict: false });
}

/** Whether cron-parser reads the six AWS fields (throws otherwise). */
export function checkCron(fields: string[]): void {
  parse(fields, 0);
}

/** The first time the expression names strictly after `after` (epoch ms). */
export function nextCronTime(fields: string[], after: number): number {
  return parse(fields, after).next().getTime();
}
