/**
 * 申诉: a resident (or the household head for a member) appeals a status with a reason; the grid
 * worker answers in the grid console; the resident sees the answer and the history of every
 * manual change to their status (from the audit log, which nothing edits or deletes).
 */
import { Checker } from '../../../core/validate';
import { now } from '../../../server/clock';
import { findById, findMany, insertOnce } from '../../../server/db';
import type { Caller } from '../../../server/handler';
import { actingFor, requireResident } from '../../../server/household';
import { idFor } from '../../../server/ids';
import { StatusDoc, currentStatus } from '../../../server/status';

export async function appeal(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  const requestId = check.requestId(payload.requestId);
  const reason = check.text('reason', payload.reason, '申诉理由', { min: 4, max: 300 });
  check.done();
  const self = await requireResident(caller);
  const target = await actingFor(self, payload.residentId);
  const at = now();
  const status = await findById<StatusDoc>('statuses', target.residentId);
  const current = status ? currentStatus(status, at) : null;
  const id = idFor('appeal', self.openid, requestId);
  await insertOnce('appeals', {
    _id: id,
    residentId: target.residentId,
    householdId: target.resident.householdId,
    buildingId: target.resident.buildingId,
    maskedName: target.resident.maskedName,
    by: self.openid,
    reason,
    statusAtAppeal: current ? { colour: current.colour, reasons: current.reasons.map((r) => r.text) } : null,
    state: 'open',
    createdAt: at,
  });
  return { appealId: id, state: 'open' };
}

/** My household's appeals with their answers, and the audited changes to my status. */
export async function history(payload: Record<string, unknown>, caller: Caller) {
  const self = await requireResident(caller);
  const target = await actingFor(self, payload.residentId);
  const [appeals, changes] = await Promise.all([
    findMany<{ reason: string; state: string; answer?: string; createdAt: Date; answeredAt?: Date }>(
      'appeals',
      { residentId: target.residentId },
      { orderBy: ['createdAt', 'desc'], limit: 20 },
    ),
    findMany<{ at: Date; action: string; before: unknown; after: unknown; note: string }>(
      'audit_logs',
      { residentId: target.residentId },
      { orderBy: ['at', 'desc'], limit: 50 },
    ),
  ]);
  return {
    appeals: appeals.map((a) => ({
      id: a._id,
      reason: a.reason,
      state: a.state,
      answer: a.answer ?? null,
      createdAt: a.createdAt.toISOString(),
    })),
    changes: changes.map((c) => ({
      at: c.at.toISOString(),
      action: c.action,
      before: c.before,
      after: c.after,
      why: c.note,
    })),
  };
}
