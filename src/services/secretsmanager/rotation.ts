// Rotation rules and schedules (FIDELITY A11). Rules: AutomaticallyAfterDays (1–1000, checked
// by the model) or a ScheduleExpression, never both; rate(N hours|days) no more often than every
// 4 hours, or cron(0 H D M DOW *) with minutes 0 and year *; Duration "<N>h" up to a day.
//
// Windows, as the Secrets Manager guide (rotate-secrets_schedule) and RotationRulesType describe
// them: Secrets Manager rotates at some time inside a window. AutomaticallyAfterDays and
// rate() count from the last rotation (a manual PutSecretValue/UpdateSecret counts as one) and
// their window starts at midnight UTC; cron() windows start at the times the expression names.
// Without a Duration, a window of an hourly schedule closes after one hour, a daily one at the
// end of its UTC day. NextRotationDate is "the latest date that rotation will occur": the end
// of the next window.
import type { RotationRulesType } from '../../protocol/generated/secretsmanager';
import { InvalidParameterException } from '../../protocol/errors';
import { checkCron, nextCronTime } from './cron';
import type { SecretRecord } from './records';
import { CURRENT, holderOf } from './versions';

const RATE = /^rate\((\d+) (hour|hours|day|days)\)$/;
const CRON = /^cron\((.*)\)$/;
const DURATION = /^(\d+)h$/;
const MIN_RATE_HOURS = 4;
const MAX_RATE_DAYS = 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const invalidSchedule = (expression: string) => new InvalidParameterException(`Invalid ScheduleExpression: ${expression}`);

const cronFields = (expression: string) => CRON.exec(expression)?.[1].trim().split(/\s+/) ?? [];

function checkSchedule(expression: string): void {
  const rate = RATE.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    const hours = rate[2].startsWith('hour');
    if (n < 1 || (hours && n < MIN_RATE_HOURS) || (!hours && n > MAX_RATE_DAYS)) throw invalidSchedule(expression);
    return;
  }
  const fields = cronFields(expression);
  // Secrets Manager rotates at most every four hours: no minute-level schedules, any year.
  if (fields.length !== 6 || fields[0] !== '0' || fields[5] !== '*') throw invalidSchedule(expression);
  try {
    checkCron(fields);
  } catch {
    throw invalidSchedule(expression);
  }
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

/** A rotation window: epoch ms, start inclusive, end exclusive. */
interface Window {
  start: number;
  end: number;
}

const dayStart = (ms: number) => ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
const hourStart = (ms: number) => ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);

/** The start of the first window after `base`, and whether the schedule is in hours. */
function windowStart(rules: RotationRulesType, base: number): { start: number; hourly: boolean } | undefined {
  if (rules.AutomaticallyAfterDays !== undefined) return { start: dayStart(base) + rules.AutomaticallyAfterDays * DAY_MS, hourly: false };
  const expression = rules.ScheduleExpression;
  if (expression === undefined) return undefined;
  const rate = RATE.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    return rate[2].startsWith('hour') ? { start: hourStart(base) + n * HOUR_MS, hourly: true } : { start: dayStart(base) + n * DAY_MS, hourly: false };
  }
  const fields = cronFields(expression);
  // A schedule "in hours" names more than one hour of the day.
  return { start: nextCronTime(fields, base), hourly: !/^\d+$/.test(fields[1]) };
}

/** The first rotation window after `base` (the last rotation), if the rules schedule rotations. */
export function nextWindow(rules: RotationRulesType | undefined, base: number): Window | undefined {
  const found = rules && windowStart(rules, base);
  if (!found) return undefined;
  const { start, hourly } = found;
  const duration = rules.Duration === undefined ? undefined : Number(DURATION.exec(rules.Duration)?.[1]) * HOUR_MS;
  return { start, end: start + (duration ?? (hourly ? HOUR_MS : dayStart(start) + DAY_MS - start)) };
}

/** What the schedule counts from: the last rotation, or the last change of the current value if later (a manual rotation). */
export function rotationBase(record: SecretRecord): number {
  const current = holderOf(record.versions, CURRENT);
  return Math.max(record.rotation?.lastRotatedAt ?? 0, current?.createdAt ?? record.createdAt);
}

/** DescribeSecret's NextRotationDate: the last second of the next window, while rotation is on. */
export function nextRotationDate(record: SecretRecord): Date | undefined {
  if (!record.rotation?.enabled) return undefined;
  const window = nextWindow(record.rotation.rules, rotationBase(record));
  return window && new Date(window.end - 1000);
}
