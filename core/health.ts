/**
 * Health follow-up (DESIGN.md §2, issue 16), pure: nucleic-acid tests and health-station stays as
 * the rules see them. A positive test is red until a medic clears it; a stay at a 健康驿站 is red
 * while it lasts and its days count toward the isolation (the isolation runs from leaving the key
 * area, so the station days are inside it); release may need a recent negative test; the sampling
 * schedule says who is due today.
 */
import type { CheckinWindow, ReleaseDecision } from './checkin';
import { RESULT_NAMES } from '../miniprogram/shared/health-names';
import type { Reason, RuleId } from './facts';
import { DAY_MS, cstDayNumber, formatDayCst } from './time';

export type TestResult = 'negative' | 'positive' | 'invalid';

/** The reasons that mean a person is isolated (at home, at a station, or at a central site). */
export const ISOLATION_RULES: readonly RuleId[] = [
  'key_area_travel',
  'close_contact',
  'unit_isolation',
  'health_station',
  'central_isolation',
];

export { RESULT_NAMES } from '../miniprogram/shared/health-names';

export interface TestRecord {
  sampledAt: Date;
  /** Absent until the lab's result is entered. */
  result?: TestResult;
}

/** As stored: `result` is null until entered. */
export interface StoredTest {
  sampledAt: Date;
  result?: TestResult | null;
}

export const testRecordOf = (t: StoredTest): TestRecord => ({
  sampledAt: t.sampledAt,
  ...(t.result ? { result: t.result } : {}),
});

export interface StationStay {
  /** A 健康驿站 (absent: stays stored before the kind existed) or a central isolation site (集中隔离). */
  kind?: 'station' | 'central';
  station: string;
  inAt: Date;
  /** Absent while the person is still at the station. */
  outAt?: Date;
}

/** Records grouped by whose they are (one pass, no copying): a desk's tests, a timer's stays. */
export function byResident<T extends { residentId: string }>(records: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const group = groups.get(record.residentId);
    if (group) group.push(record);
    else groups.set(record.residentId, [record]);
  }
  return groups;
}

/** The newest test with a result (an invalid one included: it says "test again"). */
export function latestResult(tests: TestRecord[]): (TestRecord & { result: TestResult }) | null {
  const done = tests.filter((t): t is TestRecord & { result: TestResult } => !!t.result);
  return done.sort((a, b) => +b.sampledAt - +a.sampledAt)[0] ?? null;
}

/** A positive sampled after the last medical clearance: red until a medic clears it. */
export function positiveReason(tests: TestRecord[], clearedAt: Date | undefined): Reason | null {
  const positive = tests
    .filter((t) => t.result === 'positive' && (!clearedAt || t.sampledAt > clearedAt))
    .sort((a, b) => +a.sampledAt - +b.sampledAt)[0];
  if (!positive) return null;
  return {
    rule: 'test_positive',
    colour: 'red',
    text: `${formatDayCst(positive.sampledAt)}核酸检测阳性，待医学评估`,
    since: positive.sampledAt,
    until: null,
  };
}

/** The stay going on at `now`, if any (the latest check-in without a check-out). */
export function currentStay(stays: StationStay[], now: Date): StationStay | null {
  return stays.filter((s) => s.inAt <= now && (!s.outAt || s.outAt > now)).sort((a, b) => +b.inAt - +a.inAt)[0] ?? null;
}

/** Red while away at a station or a central site: they watch the person, not the gate. */
export function stationReason(stays: StationStay[], now: Date): Reason | null {
  const stay = currentStay(stays, now);
  if (!stay) return null;
  const central = stay.kind === 'central';
  return {
    rule: central ? 'central_isolation' : 'health_station',
    colour: 'red',
    text: central
      ? `${formatDayCst(stay.inAt)}起转至${stay.station}集中隔离`
      : `${formatDayCst(stay.inAt)}起在${stay.station}观察`,
    since: stay.inAt,
    until: null,
  };
}

/** Calendar days (CST) spent at a 健康驿站 since `since`: a day counts if any part of it was. */
export function stationDays(stays: StationStay[], since: Date, now: Date): number {
  const days = new Set<number>();
  for (const stay of stays.filter((s) => s.kind !== 'central')) {
    const from = Math.max(cstDayNumber(stay.inAt), cstDayNumber(since));
    const to = cstDayNumber(stay.outAt && stay.outAt < now ? stay.outAt : now);
    for (let d = from; d <= to; d++) days.add(d);
  }
  return days.size;
}

export type TestCondition = { met: true } | { met: false; detail: string };

/**
 * Release's test condition: with `withinDays` > 0, a negative sampled in the `withinDays` days
 * before `now`, and no positive or invalid sampled after it. 0 asks for nothing.
 */
export function releaseTestCondition(tests: TestRecord[], now: Date, withinDays: number): TestCondition {
  if (withinDays <= 0) return { met: true };
  const after = now.getTime() - withinDays * DAY_MS;
  const sampled = tests.filter((t) => t.sampledAt <= now).sort((a, b) => +b.sampledAt - +a.sampledAt);
  const latest = sampled.find((t) => t.result);
  if (latest?.result === 'negative' && latest.sampledAt.getTime() >= after) return { met: true };
  if (sampled[0] && !sampled[0].result) return { met: false, detail: '核酸结果未出' };
  if (latest && latest.result !== 'negative')
    return { met: false, detail: `最近一次核酸${RESULT_NAMES[latest.result!]}` };
  return { met: false, detail: `需${withinDays}天内核酸阴性` };
}

/** The check-in rules' decision, held back while the test condition is not met. */
export function withTestCondition(decision: ReleaseDecision, condition: TestCondition): ReleaseDecision {
  if (!decision.release || condition.met) return decision;
  return { release: false, why: 'test_missing', detail: condition.detail };
}

/** Check-in windows that fell in a stay: the station took the readings then. */
export const excusedByStays =
  (stays: StationStay[]) =>
  (window: CheckinWindow): boolean =>
    stays.some((s) => s.inAt < window.end && (!s.outAt || s.outAt > window.start));

/** Day `n` of an isolation that began at `since`: the day it began is day 1. */
export function isolationDay(since: Date, at: Date): number {
  return cstDayNumber(at) - cstDayNumber(since) + 1;
}

/**
 * The sampling day due, by `samplingDays` (e.g. 1, 7, 13): the latest scheduled day up to today
 * when no sample was taken on or after it; null when none is due. A missed day 1 is overtaken by
 * day 7: one sample then covers both.
 */
export function samplingDue(
  since: Date,
  samplingDays: number[],
  samples: { sampledAt: Date }[],
  now: Date,
): number | null {
  const today = isolationDay(since, now);
  const last = Math.max(...samplingDays.filter((d) => d <= today));
  if (!Number.isFinite(last)) return null;
  return samples.some((s) => s.sampledAt <= now && isolationDay(since, s.sampledAt) >= last) ? null : last;
}
