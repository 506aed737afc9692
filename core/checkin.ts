/**
 * Quarantine check-ins (居家隔离每日两次测温): the day's windows in CST, which window is open,
 * when the next opens, which windows a resident missed, and whether an isolation may end.
 * Pure: the functions bring the clock and the stored check-ins.
 */
import { DAY_MS, cstDayNumber } from './time';

/** A daily window in CST, minutes after midnight: [start, end). */
export interface WindowSpec {
  start: number;
  end: number;
}

/** Default: 07:00–10:00 and 17:00–20:00, as estates asked residents to report morning and evening. */
export const DEFAULT_WINDOWS: WindowSpec[] = [
  { start: 7 * 60, end: 10 * 60 },
  { start: 17 * 60, end: 20 * 60 },
];

export interface CheckinWindow {
  /** e.g. "18302#1": CST day number and window index — one check-in per key. */
  key: string;
  start: Date;
  end: Date;
}

const CST_MS = 8 * 3600_000;

function windowOn(day: number, index: number, spec: WindowSpec): CheckinWindow {
  const dayStart = day * DAY_MS - CST_MS;
  return {
    key: `${day}#${index}`,
    start: new Date(dayStart + spec.start * 60_000),
    end: new Date(dayStart + spec.end * 60_000),
  };
}

/** Every window that starts within [from, to), in order. */
export function windowsBetween(from: Date, to: Date, specs = DEFAULT_WINDOWS): CheckinWindow[] {
  const out: CheckinWindow[] = [];
  for (let day = cstDayNumber(from) - 1; day <= cstDayNumber(to); day++) {
    specs.forEach((spec, i) => {
      const w = windowOn(day, i, spec);
      if (w.start >= from && w.start < to) out.push(w);
    });
  }
  return out;
}

export function openWindow(now: Date, specs = DEFAULT_WINDOWS): CheckinWindow | null {
  const day = cstDayNumber(now);
  for (let i = 0; i < specs.length; i++) {
    const w = windowOn(day, i, specs[i]);
    if (w.start <= now && now < w.end) return w;
  }
  return null;
}

export function nextWindow(now: Date, specs = DEFAULT_WINDOWS): CheckinWindow {
  return windowsBetween(new Date(now.getTime() + 1), new Date(now.getTime() + 2 * DAY_MS), specs)[0];
}

export interface CheckinRecord {
  windowKey: string;
  temperature: number;
  symptoms: string[];
}

/** A window in which no home check-in is expected (the person was at a health station). */
export type Excused = (window: CheckinWindow) => boolean;

/** Windows that closed at or before `now`, since `since`, with no check-in (and not excused). */
export function missedWindows(
  since: Date,
  now: Date,
  checkins: CheckinRecord[],
  specs = DEFAULT_WINDOWS,
  excused: Excused = () => false,
): CheckinWindow[] {
  const done = new Set(checkins.map((c) => c.windowKey));
  return windowsBetween(since, now, specs).filter((w) => w.end <= now && !done.has(w.key) && !excused(w));
}

export type ReleaseDecision =
  | { release: true }
  | { release: false; why: 'not_yet' | 'missed_checkins' | 'abnormal_checkin' | 'test_missing'; detail: string };

/**
 * At the end of its period an isolation ends by itself only if the last windows (default: the
 * last day's two) were all checked in and normal; otherwise it waits for a grid worker's decision.
 */
export function releaseDecision(
  plannedEnd: Date,
  now: Date,
  checkins: CheckinRecord[],
  feverThreshold: number,
  specs = DEFAULT_WINDOWS,
  lastWindows = specs.length,
  excused: Excused = () => false,
): ReleaseDecision {
  if (now < plannedEnd) return { release: false, why: 'not_yet', detail: '隔离期未满' };
  const recent = windowsBetween(new Date(plannedEnd.getTime() - 2 * DAY_MS), plannedEnd, specs)
    .filter((w) => w.end <= plannedEnd)
    .slice(-lastWindows);
  const byKey = new Map(checkins.map((c) => [c.windowKey, c]));
  const missing = recent.filter((w) => !byKey.has(w.key) && !excused(w));
  if (missing.length > 0)
    return { release: false, why: 'missed_checkins', detail: `最后${recent.length}次测温缺${missing.length}次` };
  const abnormal = recent
    .flatMap((w) => byKey.get(w.key) ?? [])
    .find((c) => c.temperature >= feverThreshold || c.symptoms.length > 0);
  if (abnormal)
    return {
      release: false,
      why: 'abnormal_checkin',
      detail: `测温异常（${abnormal.temperature.toFixed(1)}℃${abnormal.symptoms.length ? '，' + abnormal.symptoms.join('、') : ''}）`,
    };
  return { release: true };
}
