/** Stored isolation orders and check-ins, as the quarantine actions read them. */
import type { IsolationOrder } from '../../../core/isolation';
import type { CheckinRecord } from '../../../core/checkin';
import { DAY_MS } from '../../../core/time';
import { findMany } from '../../../server/db';

export type IsolationOrderDoc = IsolationOrder & {
  _id: string;
  residentId: string;
  buildingId: string;
  unit: number;
  decisionNeeded?: { why: string; detail: string; at: Date };
  /** The request id of the last decision applied (a resend finds it and changes nothing). */
  lastDecisionRequestId?: string;
};

export type CheckinDoc = CheckinRecord & { _id: string; residentId: string; at: Date; source: 'checkin' };

export const OPEN_STATES = ['active', 'extended'];

/** An order that has not ended (the query below asks for these states only). */
export type OpenIsolationOrderDoc = IsolationOrderDoc & { state: 'active' | 'extended' };

export function openOrdersOf(residentId: string): Promise<OpenIsolationOrderDoc[]> {
  return findMany<OpenIsolationOrderDoc>(
    'isolation_orders',
    { residentId, state: { $in: OPEN_STATES } },
    { limit: 20 },
  );
}

export function recentCheckins(residentId: string, now: Date, days = 3): Promise<CheckinDoc[]> {
  return findMany<CheckinDoc>(
    'checkins',
    { residentId, at: { $gte: new Date(now.getTime() - days * DAY_MS) } },
    { orderBy: ['at', 'desc'], limit: 50 },
  );
}
