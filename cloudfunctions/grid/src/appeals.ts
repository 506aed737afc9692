/**
 * Appeals in the grid console: the open ones of my buildings; the answer — reject with a reason,
 * or accept with a colour, a reason and an end date (an override of the rules until then).
 * Every accepted override is an audit record with before, after, who, when and why.
 */
import { DAY_MS } from '../../../core/time';
import { Checker } from '../../../core/validate';
import { now } from '../../../server/clock';
import { findAll, findById, insert, updateById, updateWhere } from '../../../server/db';
import { AppError, notFound } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { StatusDoc, currentStatus, recomputeStatus } from '../../../server/status';
import { gridBuildingIds, requireGridOf, requireRole } from '../../../server/users';
import { EVENT_KEYS } from './console';

export async function appeals(_payload: unknown, caller: Caller) {
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以处理申诉');
  const buildingIds = await gridBuildingIds(worker);
  // Every open appeal (all pages), oldest first: none waits unseen behind the first hundred.
  const open = await findAll<{
    residentId: string;
    maskedName: string;
    reason: string;
    statusAtAppeal: unknown;
    createdAt: Date;
  }>('appeals', { buildingId: { $in: buildingIds }, state: 'open' }, { max: 10_000 });
  open.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id));
  return open.map((a) => ({
    id: a._id,
    residentId: a.residentId,
    maskedName: a.maskedName,
    reason: a.reason,
    statusAtAppeal: a.statusAtAppeal,
    createdAt: a.createdAt.toISOString(),
  }));
}

export async function answerAppeal(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  check.onlyKeys(payload, [...EVENT_KEYS, 'appealId', 'decision', 'answer', 'colour', 'days']);
  const appealId = check.id('appealId', payload.appealId, '申诉');
  const decision = check.oneOf('decision', payload.decision, ['accept', 'reject'] as const, '处理结果');
  const answer = check.text('answer', payload.answer, '答复', { min: 2, max: 300 });
  const colour =
    decision === 'accept'
      ? check.oneOf('colour', payload.colour, ['green', 'yellow', 'red'] as const, '复核颜色')
      : null;
  const days = decision === 'accept' ? check.integer('days', payload.days, '有效天数', 1, 14) : 0;
  check.done();
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以处理申诉');
  const found = await findById<{ residentId: string; buildingId: string; state: string }>('appeals', appealId);
  if (!found) throw notFound('申诉不存在');
  await requireGridOf(worker, found.buildingId);
  const at = now();
  // Only an open appeal is answered, once (a retry or a second worker finds it answered).
  const answered = await updateWhere(
    'appeals',
    { _id: appealId, state: 'open' },
    { state: decision === 'accept' ? 'accepted' : 'rejected', answer, answeredBy: worker._id, answeredAt: at },
  );
  if (answered === 0) throw new AppError('CONFLICT', '该申诉已处理');
  if (decision === 'reject') return { appealId, state: 'rejected' };
  const before = await findById<StatusDoc>('statuses', found.residentId);
  const override = {
    colour: colour!,
    reason: answer,
    at,
    until: new Date(at.getTime() + days * DAY_MS),
    by: worker._id,
  };
  await updateById('residents', found.residentId, { override });
  const after = await recomputeStatus(found.residentId, at);
  await insert('audit_logs', {
    at,
    actor: worker._id,
    action: 'override',
    residentId: found.residentId,
    before: before ? { colour: currentStatus(before, at).colour, reasons: before.reasons.map((r) => r.rule) } : null,
    after: { colour: after.colour, until: override.until },
    note: answer,
  });
  return { appealId, state: 'accepted', colour: after.colour };
}
