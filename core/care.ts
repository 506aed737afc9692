/**
 * 关爱对象: the vulnerable who are not isolated (elders living alone, disabled people, pregnant
 * women, the chronically ill) get a visit or a call from a volunteer every few days. The plan is
 * a next-due day (CST, YYYY-MM-DD): a contact made moves it on by the plan's days; a contact not
 * made (未联系上) leaves it where it was, so the person stays due and, past the day, overdue.
 */
import { DAY_MS, cstDateOf, cstDayStart } from './time';

export const CARE_CATEGORIES = ['livingAlone', 'elderly', 'disabled', 'pregnant', 'chronic'] as const;
export type CareCategory = (typeof CARE_CATEGORIES)[number];

export const CARE_WAYS = ['visit', 'call'] as const;
export type CareWay = (typeof CARE_WAYS)[number];

export const CARE_OUTCOMES = ['well', 'needs', 'unwell', 'unreached'] as const;
export type CareOutcome = (typeof CARE_OUTCOMES)[number];

/** How often a plan may ask for contact: daily (elders living alone, as the seeds did) to weekly. */
export const CARE_EVERY_DAYS = { min: 1, max: 7 } as const;

/** The day `days` after a CST date. */
export function addDays(date: string, days: number): string {
  const start = cstDayStart(date);
  if (!start) throw new Error(`not a date: ${date}`);
  return cstDateOf(new Date(start.getTime() + days * DAY_MS));
}

/** Whole days from one CST date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((cstDayStart(to)!.getTime() - cstDayStart(from)!.getTime()) / DAY_MS);
}

/** Whether a contact's outcome reached the person (a visit or a call answered). */
export const reached = (outcome: CareOutcome): boolean => outcome !== 'unreached';

/** Outcomes the grid worker must hear of at once: nobody answered, or the person is unwell. */
export const escalates = (outcome: CareOutcome): boolean => outcome === 'unreached' || outcome === 'unwell';

/**
 * The next contact due after one made on `on`: the plan's days later when it reached the person,
 * else unchanged (they are still due, and overdue once the day is past).
 */
export function nextDueAfter(nextDueOn: string, on: string, outcome: CareOutcome, everyDays: number): string {
  if (!reached(outcome)) return nextDueOn;
  return addDays(on, everyDays);
}

/**
 * The next contact due when a plan is made on `today` (today, for a new 关爱对象) or changed: by
 * the new days from the last contact, but not before today (a shorter plan is not missed already)
 * and never later than it was (changing the plan does not excuse a contact already due).
 */
export function plannedDue(
  today: string,
  everyDays: number,
  existing: { lastReachedOn: string | null; nextDueOn: string } | null,
): string {
  if (!existing) return today;
  if (!existing.lastReachedOn) return existing.nextDueOn;
  const byPlan = addDays(existing.lastReachedOn, everyDays);
  const due = byPlan < today ? today : byPlan;
  return due < existing.nextDueOn ? due : existing.nextDueOn;
}

/** Days past the due day with no contact made: 0 when due today or later. */
export const overdueDays = (nextDueOn: string, today: string): number => Math.max(0, daysBetween(nextDueOn, today));
