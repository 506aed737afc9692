/**
 * 申诉: a resident (or the household head for a member) appeals a status with a reason; the grid
 * worker answers in the grid console; the resident sees the answer and the history of every
 * manual change to their status (from the audit log, which nothing edits or deletes).
 */
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { findById, findMany, insertOnce } from '../../../server/db';
import { Self, actingFor } from '../../../server/household';
import { idFor } from '../../../server/ids';
import { id, input, requestId, text, v } from '../../../server/schema';
import { StatusDoc, currentStatus } from '../../../server/status';

export const appeal = {
  who: 'resident',
  input: input({
    requestId: requestId(),
    reason: text('申诉理由', { min: 4, max: 300 }),
    residentId: v.optional(id('家庭成员')),
  }),
  run: (input, { self }) => fileAppeal(self, input),
} satisfies Def<'residents', 'appeal'>;

async function fileAppeal(self: Self, { requestId, reason, residentId }: RequestOf<'residents', 'appeal'>) {
  const target = await actingFor(self, residentId);
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

/** My appeals (or my dependant's) with their answers, and the audited changes to the status. */
export const history = {
  who: 'resident',
  input: input({ residentId: v.optional(id('家庭成员')) }),
  run: ({ residentId }, { self }) => historyOf(self, residentId),
} satisfies Def<'residents', 'history'>;

async function historyOf(self: Self, residentId: string | undefined) {
  const target = await actingFor(self, residentId);
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
