// Rotation rules (FIDELITY A11): AutomaticallyAfterDays (1–1000, checked by the model) or a
// ScheduleExpression, never both; rate(N hours|days) no more often than every 4 hours, or
// cron(0 H D M DOW *) with minutes 0 and year *; Duration "<N>h" up to a day. Invoking
// rotation Lambdas is not part of this emulator yet: see RotateSecret.
import type { RotationRulesType } from '../../protocol/generated/secretsmanager';
import { InvalidParameterException } from '../../protocol/errors';

const RATE = /^rate\((\d+) (hour|hours|day|days)\)$/;
const CRON = /^cron\((.*)\)$/;
const DURATION = /^(\d+)h$/;
const MIN_RATE_HOURS = 4;
const MAX_RATE_DAYS = 1000;

const invalidSchedule = (expression: string) => new InvalidParameterException(`Invalid ScheduleExpression: ${expression}`);

function checkSchedule(expression: string): void {
  const rate = RATE.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    const hours = rate[2].startsWith('hour');
    if (n < 1 || (hours && n < MIN_RATE_HOURS) || (!hours && n > MAX_RATE_DAYS)) throw invalidSchedule(expression);
    return;
  }
  const cron = CRON.exec(expression);
  const fields = cron?.[1].trim().split(/\s+/) ?? [];
  // Secrets Manager rotates at most every four hours: no minute-level schedules, any year.
  if (fields.length !== 6 || fields[0] !== '0' || fields[5] !== '*') throw invalidSchedule(expression);
}

export function checkRotationRules(rules: RotationRulesType): void {
  if (rules.AutomaticallyAfterDays !== undefined && rules.ScheduleExpression !== undefined) {
    throw new InvalidParameterException('You cannot specify both rotation frequency and schedule expression together.');
  }
  if (rules.ScheduleExpression !== undefined) checkSchedule(rules.ScheduleExpression);
  if (rules.Duration !== undefined) {
    const hours = Number(DURATION.exec(rules.Duration)?.[1] ?? 0);
    if (hours < 1 || hours > 24) throw new InvalidParameterException(`Invalid Duration: ${rules.Duration}`);
  }
}
