/**
 * 值守与巡查: gates are held around the clock in three shifts, and patrol and disinfection rounds
 * come at set times of day. Both are plain schedules in China time; whether one was kept is read
 * from what was recorded (上岗 for a shift, a check for a round), never guessed.
 */
import { DAY_MS, cstDayStart } from './time';

/** 白班, 晚班, 夜班 (the tents at night): 8-hour shifts from 08:00. */
export const SHIFT_SLOTS = {
  day: { startHour: 8, label: '白班 08:00–16:00' },
  evening: { startHour: 16, label: '晚班 16:00–24:00' },
  night: { startHour: 24, label: '夜班 00:00–08:00' },
} as const;
export type ShiftSlot = keyof typeof SHIFT_SLOTS;
export const SHIFT_HOURS = 8;
/** Late by more than this and a shift counts as missed (a guard may still take it over). */
export const SHIFT_GRACE_MS = 30 * 60_000;
/** One may 上岗 this long before the shift starts. */
export const SHIFT_EARLY_MS = 60 * 60_000;

/**
 * The shift's hours. A 夜班 of a date is the night that follows it (00:00–08:00 of the next
 * day), so a date's three shifts cover 08:00 to 08:00.
 */
export function shiftWindow(date: string, slot: ShiftSlot): { startAt: Date; endAt: Date } | null {
  const day = cstDayStart(date);
  if (!day) return null;
  const startAt = new Date(day.getTime() + SHIFT_SLOTS[slot].startHour * 3600_000);
  return { startAt, endAt: new Date(startAt.getTime() + SHIFT_HOURS * 3600_000) };
}

export type ShiftState = 'upcoming' | 'open' | 'on' | 'done' | 'missed';

/** 待上岗 (upcoming, or open to take), 在岗, 已交班, or 未到岗 once past the grace without 上岗. */
export function shiftState(
  shift: { startAt: Date; endAt: Date; startedAt: Date | null; handedOverAt: Date | null },
  at: Date,
): ShiftState {
  if (shift.handedOverAt) return 'done';
  if (shift.startedAt) return at >= shift.endAt ? 'done' : 'on';
  if (at.getTime() > shift.startAt.getTime() + SHIFT_GRACE_MS) return 'missed';
  return at.getTime() >= shift.startAt.getTime() - SHIFT_EARLY_MS ? 'open' : 'upcoming';
}

export const ROUND_KINDS = ['patrol', 'disinfection'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
/** A round may be checked off from an hour before its time; two hours after, it is missed. */
export const ROUND_EARLY_MS = 60 * 60_000;
export const ROUND_GRACE_MS = 2 * 3600_000;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const isTimeOfDay = (time: string): boolean => TIME.test(time);

export interface RoundPlan {
  /** From this China day, for `days` days. */
  fromDate: string;
  days: number;
  /** "HH:MM", China time. */
  times: string[];
}

/** The moments a round falls due from one instant to another, earliest first. */
export function roundsDue(plan: RoundPlan, from: Date, to: Date): Date[] {
  const first = cstDayStart(plan.fromDate);
  if (!first) return [];
  const due: Date[] = [];
  for (let d = 0; d < plan.days; d++) {
    const day = first.getTime() + d * DAY_MS;
    if (day > to.getTime()) break;
    for (const time of [...plan.times].sort()) {
      const m = TIME.exec(time);
      if (!m) continue;
      const at = new Date(day + (Number(m[1]) * 60 + Number(m[2])) * 60_000);
      if (at >= from && at <= to) due.push(at);
    }
  }
  return due;
}

export type RoundState = 'upcoming' | 'open' | 'done' | 'missed';

/** A round due at `due`: done once checked, open from an hour before, missed two hours after. */
export function roundState(due: Date, checkedAt: Date | null, at: Date): RoundState {
  if (checkedAt) return 'done';
  if (at.getTime() > due.getTime() + ROUND_GRACE_MS) return 'missed';
  return at.getTime() >= due.getTime() - ROUND_EARLY_MS ? 'open' : 'upcoming';
}
