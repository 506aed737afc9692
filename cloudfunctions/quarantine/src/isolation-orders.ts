/** Stored isolation orders and check-ins, as the quarantine actions read them. */
import { type IsolationOrder, OPEN_STATES } from '../../../core/isolation';
import type { CheckinRecord } from '../../../core/checkin';
import { DAY_MS, formatDayCst } from '../../../core/time';
import { findMany } from '../../../server/db';

export type IsolationOrderDoc = IsolationOrder & {
  _id: string;
  residentId: string;
  buildingId: string;
  unit: number;
  decisionNeeded?: { why: string; detail: string; at: Date };
  /** The request id of the last decision applied (a resend finds it and changes nothing). */
  lastDecisionRequestId?: string;
  /** A grid worker's last decision on it, with their reason: the resident is shown it. */
  lastDecision?: WorkerDecision;
};

export interface WorkerDecision {
  decision: 'end' | 'extend';
  why: string;
  days: number;
  at: Date;
}

/** A decision as the resident reads it: who decided what, when, and why. */
export function decisionNote(d: WorkerDecision): string {
  const what = d.decision === 'end' ? '提前解除隔离' : `延长隔离 ${d.days} 天`;
  return `网格员于 ${formatDayCst(d.at)} ${what}，理由：${d.why}`;
}

export type CheckinDoc = CheckinRecord & { _id: string; residentId: string; at: Date; source: 'checkin' };

export { OPEN_STATES };

/** An order that has not ended (the query below asks for these states only). */
export type OpenIsolationOrderDoc = IsolationOrderDoc & { state: 'active' | 'extended' };

export function openOrdersOf(residentId: string): Promise<OpenIsolationOrderDoc[]> {
  return findMany<OpenIsolationOrderDoc>(
    'isolation_orders',
    { residentId, state: { $in: OPEN_STATES } },
    { limit: 20 },
  );
}

/** How long an order a grid worker ended stays on the resident's page, saying why. */
const ENDED_SHOWN_MS = 3 * DAY_MS;

/**
 * Every order of a resident in one read (by_resident): the open ones, and those a grid worker
 * ended in the last three days, so the resident sees who lifted it and why.
 */
export async function ordersOfResident(
  residentId: string,
  now: Date,
): Promise<{ open: OpenIsolationOrderDoc[]; endedByWorker: IsolationOrderDoc[] }> {
  const all = await findMany<IsolationOrderDoc>('isolation_orders', { residentId }, { limit: 100 });
  return {
    open: all.filter((o): o is OpenIsolationOrderDoc => OPEN_STATES.includes(o.state)),
    endedByWorker: all.filter(
      (o) =>
        o.state === 'ended' &&
        o.lastDecision?.decision === 'end' &&
        now.getTime() - o.lastDecision.at.getTime() < ENDED_SHOWN_MS,
    ),
  };
}

export function recentCheckins(residentId: string, now: Date, days = 3): Promise<CheckinDoc[]> {
  return findMany<CheckinDoc>(
    'checkins',
    { residentId, at: { $gte: new Date(now.getTime() - days * DAY_MS) } },
    { orderBy: ['at', 'desc'], limit: 50 },
  );
}
