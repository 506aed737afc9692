/**
 * Calendar arithmetic in China Standard Time (UTC+8, no daylight saving), where every estate's
 * "day" is. Isolation ends and quota periods start at CST midnight, whatever the server's zone.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

export const DAY_MS = 24 * 60 * 60 * 1000;
const CST_OFFSET_MINUTES = 8 * 60;

/** Midnight (CST) at the start of the day containing `at`. */
export function startOfDayCst(at: Date): Date {
  return dayjs(at).utcOffset(CST_OFFSET_MINUTES).startOf('day').toDate();
}

/** The end of the `days`-th day after the day of `at`: isolation "14 days after leaving". */
export function endOfDayAfter(at: Date, days: number): Date {
  return new Date(startOfDayCst(at).getTime() + (days + 1) * DAY_MS);
}

/** e.g. "2月24日" — the last full day, for people; "2月25日 00:00" (the mini-program formats alike). */
export { formatDay as formatDayCst, formatMoment as formatMomentCst } from '../miniprogram/shared/china-time';

/** Whole CST days since the epoch: period keys such as "one exit every 2 days". */
export function cstDayNumber(at: Date): number {
  return Math.floor((at.getTime() + CST_OFFSET_MINUTES * 60_000) / DAY_MS);
}

/** The China day of `at` as "YYYY-MM-DD". */
export const cstDateOf = (at: Date): string =>
  new Date(at.getTime() + CST_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a China day "YYYY-MM-DD" begins, or null when the text is not a real date. */
export function cstDayStart(date: string): Date | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc - CST_OFFSET_MINUTES * 60_000);
}

/** From the start of the first China day to the midnight after the last. */
export interface DayWindow {
  validFrom: Date;
  validUntil: Date;
}

export interface DayLimits {
  /** The first day may be at most this many days after today. */
  aheadDays: number;
  /** Days covered, both ends included. */
  maxDays: number;
  fromLabel: string;
  toLabel: string;
  /** "一次来访": what the span is, for the message. */
  what: string;
}

/** The days from `fromDate` to `toDate` ("YYYY-MM-DD"), or why not (and the field to blame). */
export function dayWindow(
  fromDate: string,
  toDate: string,
  at: Date,
  limits: DayLimits,
): DayWindow | { field: 'fromDate' | 'toDate'; message: string } {
  const from = cstDayStart(fromDate);
  if (!from) return { field: 'fromDate', message: `${limits.fromLabel}格式不正确` };
  const to = cstDayStart(toDate);
  if (!to) return { field: 'toDate', message: `${limits.toLabel}格式不正确` };
  const today = startOfDayCst(at).getTime();
  if (from.getTime() < today) return { field: 'fromDate', message: `${limits.fromLabel}不能早于今天` };
  if (from.getTime() > today + limits.aheadDays * DAY_MS)
    return { field: 'fromDate', message: `${limits.fromLabel}最晚为${limits.aheadDays}天后` };
  if (to.getTime() < from.getTime())
    return { field: 'toDate', message: `${limits.toLabel}不能早于${limits.fromLabel}` };
  if (to.getTime() - from.getTime() >= limits.maxDays * DAY_MS)
    return { field: 'toDate', message: `${limits.what}最多${limits.maxDays}天` };
  return { validFrom: from, validUntil: new Date(to.getTime() + DAY_MS) };
}
