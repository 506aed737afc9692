/**
 * 亲友来访: a host resident asks for a visitor on given days, a grid worker of the host's grid
 * approves or refuses, and the gates of the host's enclosure admit the visitor only on those days.
 * Pure rules: which days a request may name, and what the gate says to a visitor's phone number.
 */
import type { VerdictCode } from '../miniprogram/shared/gate-verdicts';
import type { VisitState } from '../typings';
import { VISIT_AHEAD_DAYS, VISIT_MAX_DAYS } from '../miniprogram/shared/visits';
import { DayWindow, dayWindow } from './time';

export { VISIT_AHEAD_DAYS, VISIT_MAX_DAYS };
export { cstDayStart } from './time';
export type { VisitState };

/** Open requests per household at once: enough for family, too few to run a guest house. */
export const VISIT_OPEN_MAX = 5;

/** Why these days cannot be asked for (and the field to blame), or the window they make. */
export const visitWindow = (fromDate: string, toDate: string, at: Date) =>
  dayWindow(fromDate, toDate, at, {
    aheadDays: VISIT_AHEAD_DAYS,
    maxDays: VISIT_MAX_DAYS,
    fromLabel: '来访日期',
    toLabel: '离开日期',
    what: '一次来访',
  });

export interface VisitAtGate extends DayWindow {
  state: VisitState;
  /** Cancelled by the host after it began: ended at once (its window closes then). */
  cancelledAt?: Date;
}

/**
 * What the gate says to a visitor, from every request of this phone number at this enclosure.
 * In: an approved visit covering this moment. Out: any approved visit already begun, even past
 * its days (a gate never keeps a visitor inside; the log shows the overstay). A fever refuses first.
 */
export function visitorVerdict<V extends VisitAtGate>(
  visits: readonly V[],
  { at, direction, fever }: { at: Date; direction: 'in' | 'out'; fever: boolean },
): { code: VerdictCode; visit: V | null } {
  const approved = visits.filter((v) => v.state === 'approved');
  const begun = approved.filter((v) => v.validFrom.getTime() <= at.getTime());
  const current = begun.find((v) => at.getTime() < v.validUntil.getTime());
  const admitting = direction === 'in' ? current : (current ?? begun[0]);
  if (fever) return { code: 'fever_at_gate', visit: admitting ?? null };
  if (admitting) return { code: 'visitor_allowed', visit: admitting };
  if (visits.some((v) => v.state === 'pending')) return { code: 'visitor_pending', visit: null };
  if (approved.some((v) => v.validFrom.getTime() > at.getTime())) return { code: 'visitor_not_yet', visit: null };
  // Begun and over: because the host cancelled it, or because its days ran out.
  if (begun.length)
    return { code: begun.every((v) => v.cancelledAt) ? 'visitor_cancelled' : 'visitor_expired', visit: null };
  return { code: 'visitor_refused', visit: null };
}
