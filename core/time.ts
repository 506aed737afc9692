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
