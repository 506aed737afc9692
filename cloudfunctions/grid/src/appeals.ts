/**
 * Appeals in the grid console: the open ones of my buildings; the answer — reject with a reason,
 * or accept with a colour, a reason and an end date (an override of the rules until then).
 * Every accepted override is an audit record with before, after, who, when and why.
 */
import { DAY_MS } from '../../../core/time';
import type { AppealEntry } from '../../../typings';
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { Stored, findAll, findById, insert, updateById, updateWhere } from '../../../server/db';
import { AppError, notFound } from '../../../server/errors';
import { id, input, int, oneOf, text, v } from '../../../server/schema';
import { StatusDoc, currentStatus, recomputeStatus } from '../../../server/status';
import { UserDoc, gridBuildingIds, requireGridOf } from '../../../server/users';

export const appeals = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以处理申诉',
  input: input({}),
  run: (_input, { user }) => openAppealsOf(user),
} satisfies Def<'grid', 'appeals'>;

async function openAppealsOf(worker: UserDoc) {
  const buildingIds = await gridBuildingIds(worker);
  // Every open appeal (all pages), oldest first: none waits unseen behind the first hundred.
  const open = await findAll<{
    residentId: string;
    maskedName: string;
    reason: string;
    statusAtAppeal: AppealEntry['statusAtAppeal']; // as residents.appeal stores it
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

const colourSchema = oneOf('复核颜色', ['green', 'yellow', 'red']);

export const answerAppeal = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以处理申诉',
  input: v.pipe(
    input({
      appealId: id('申诉'),
      decision: oneOf('处理结果', ['accept', 'reject']),
      answer: text('答复', { min: 2, max: 300 }),
      colour: v.optional(colourSchema),
      days: v.optional(int('有效天数', 1, 14)),
    }),
    // Accepting overrides the rules: it needs the colour and for how long.
    v.forward(
      v.check((i) => i.decision !== 'accept' || i.colour !== undefined, '请选择复核颜色'),
      ['colour'],
    ),
    v.forward(
      v.check((i) => i.decision !== 'accept' || i.days !== undefined, '请填写有效天数'),
      ['days'],
    ),
  ),
  run: (input, { user }) => answer(user, input),
} satisfies Def<'grid', 'answerAppeal'>;

async function answer(
  worker: Stored<UserDoc>,
  { appealId, decision, answer, colour, days = 0 }: RequestOf<'grid', 'answerAppeal'>,
) {
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
