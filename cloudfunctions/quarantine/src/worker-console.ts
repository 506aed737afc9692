/**
 * The grid worker's side of quarantine: put a building unit under isolation after a confirmed
 * case; the roster of missed check-ins, abnormal check-ins and isolations waiting for a decision;
 * the decision itself (end or extend, with a reason), audited. The call button is call-resident.ts.
 */
import { DAY_MS, cstDateOf, endOfDayAfter } from '../../../core/time';
import type { CareWay } from '../../../core/care';
import { WAY_NAMES } from '../../../miniprogram/shared/care-names';
import { volunteerLabel } from '../../../miniprogram/shared/volunteer';
import { now } from '../../../server/clock';
import { Stored, findAll, findById, insertOnce, updateWhere } from '../../../server/db';
import { AppError, notFound } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { refreshBuildingStats } from '../../../server/building-stats';
import { StatusDoc, recomputeStatus } from '../../../server/status';
import { UserDoc, gridBuildingIds, requireGridOf } from '../../../server/users';
import type { Roster } from '../../../typings';
import { Def, RequestOf } from '../../../server/action';
import { id, input, int, oneOf, requestId, text, v } from '../../../server/schema';
import { OPEN_STATES, IsolationOrderDoc, WorkerDecision } from './isolation-orders';

/** Order ids are a resident id and a need id joined: longer than other ids, same characters. */
const ORDER_ID = /^[A-Za-z0-9_-]{1,128}$/;

interface UnitOrderDoc {
  _id: string;
  enclosureId: string;
  buildingId: string;
  unit: number;
  startAt: Date;
  days: number;
  reason: string;
  orderedBy: string;
}

export const isolateUnit = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以下达单元隔离',
  input: input({
    requestId: requestId(),
    buildingId: id('楼栋'),
    unit: int('单元', 1, 20),
    reason: text('隔离原因', { min: 2, max: 100 }),
    days: v.optional(int('隔离天数', 1, 28)),
  }),
  grid: ({ buildingId }) => buildingId,
  run: (input, { user }) => isolate(user, input),
} satisfies Def<'quarantine', 'isolateUnit'>;

async function isolate(
  worker: Stored<UserDoc>,
  { requestId, buildingId, unit, reason, days = 14 }: RequestOf<'quarantine', 'isolateUnit'>,
) {
  const building = await findById<{ enclosureId: string; name: string; units: number }>('buildings', buildingId);
  if (!building || unit > building.units) throw notFound('楼栋或单元不存在');
  const orderId = idFor('unit', worker._id, requestId);
  let order: UnitOrderDoc = {
    _id: orderId,
    enclosureId: building.enclosureId,
    buildingId,
    unit,
    startAt: now(),
    days,
    reason,
    orderedBy: worker._id,
  };
  if (!(await insertOnce('unit_orders', order))) {
    // A retry: the order stands as first given, and this run completes what the first left undone.
    const stored = await findById<UnitOrderDoc>('unit_orders', orderId);
    if (!stored || stored.buildingId !== buildingId || stored.unit !== unit || stored.days !== days)
      throw new AppError('CONFLICT', '该请求已用于另一单元的隔离，请刷新后重试');
    order = stored;
  }
  const at = order.startAt;
  const plannedEnd = endOfDayAfter(at, days);
  // Everyone registered in the unit (every page), including members without phones.
  const [residents, before] = await Promise.all([
    findAll<{ unit: number }>('residents', { buildingId, unit }, { fields: { unit: true } }),
    findAll<StatusDoc>('statuses', { buildingId, unit }, { fields: { colour: true } }),
  ]);
  const colourBefore = new Map(before.map((s) => [s._id, s.colour]));
  const moment = now();
  for (const r of residents) {
    const status = await recomputeStatus(r._id, moment, undefined, { refreshMap: false });
    // One record per resident, so that their own history (申诉与记录) shows the order.
    await insertOnce('audit_logs', {
      _id: `${orderId}-${r._id}`,
      at,
      actor: worker._id,
      action: 'isolate_unit',
      residentId: r._id,
      before: { colour: colourBefore.get(r._id) ?? null },
      after: { colour: status.colour, orderId, buildingId, unit, days, plannedEnd },
      note: order.reason,
    });
  }
  await refreshBuildingStats(buildingId, moment);
  // And one for the order itself (the street office's view: who isolated which unit, how many).
  await insertOnce('audit_logs', {
    _id: orderId,
    at,
    actor: worker._id,
    action: 'isolate_unit',
    residentId: null,
    before: null,
    after: { orderId, buildingId, unit, days, isolated: residents.length },
    note: order.reason,
  });
  return { orderId, isolated: residents.length, plannedEnd: plannedEnd.toISOString() };
}

/** A roster longer than this (per list) is refused rather than shown in part. */
const ROSTER_MAX = 10_000;

/** Documents by id, 500 ids to a query (a query carries its ids; keep it small). */
async function byIds<T>(name: string, ids: string[], fields: object): Promise<Map<string, Stored<T>>> {
  const found = new Map<string, Stored<T>>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const doc of await findAll<T>(name, { _id: { $in: ids.slice(i, i + 500) } }, { fields }))
      found.set(doc._id, doc);
  }
  return found;
}

export const roster = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以查看隔离名单',
  input: input({}),
  run: (_input, { user }) => rosterOf(user),
} satisfies Def<'quarantine', 'roster'>;

async function rosterOf(worker: Stored<UserDoc>): Promise<Roster> {
  const buildingIds = await gridBuildingIds(worker);
  const at = now();
  // Every page of each list: a roster that stops at a hundred hides the people past it.
  const [missed, alerts, waiting, buildings, visits, care] = await Promise.all([
    findAll<{ residentId: string; windowEnd: Date; lastCheckinAt?: Date }>(
      'missed_checkins',
      { buildingId: { $in: buildingIds }, resolved: false },
      { max: ROSTER_MAX },
    ),
    findAll<{ residentId: string; at: Date; detail: string }>(
      'alerts',
      { buildingId: { $in: buildingIds }, resolved: false },
      { max: ROSTER_MAX },
    ),
    findAll<IsolationOrderDoc>(
      'isolation_orders',
      { buildingId: { $in: buildingIds }, state: { $in: OPEN_STATES }, decisionNeeded: { $ne: null } },
      { max: ROSTER_MAX },
    ),
    // For the 单元隔离 form: the worker picks a building and a unit instead of typing an id.
    findAll<{ name: string; units: number; retiredAt?: Date }>(
      'buildings',
      { _id: { $in: buildingIds } },
      { fields: { name: true, units: true, retiredAt: true } },
    ),
    // 随访 whose day has passed unrecorded (health.planVisit / recordVisit).
    findAll<{ residentId: string; dueOn: string; note: string }>(
      'followups',
      { buildingId: { $in: buildingIds }, state: 'planned', dueOn: { $lt: cstDateOf(at) } },
      { max: ROSTER_MAX },
    ),
    // 关爱对象 whose visit or call day has passed with no one reached (care.logContact).
    findAll<{ nextDueOn: string; way: CareWay; volunteerName: string }>(
      'care_subjects',
      { buildingId: { $in: buildingIds }, nextDueOn: { $lt: cstDateOf(at) } },
      { max: ROSTER_MAX, fields: { nextDueOn: true, way: true, volunteerName: true } },
    ),
  ]);
  care.sort((a, b) => a.nextDueOn.localeCompare(b.nextDueOn) || a._id.localeCompare(b._id));
  visits.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a._id.localeCompare(b._id));
  missed.sort((a, b) => a.windowEnd.getTime() - b.windowEnd.getTime() || a._id.localeCompare(b._id));
  alerts.sort((a, b) => b.at.getTime() - a.at.getTime() || a._id.localeCompare(b._id));
  waiting.sort((a, b) => a.plannedEnd.getTime() - b.plannedEnd.getTime() || a._id.localeCompare(b._id));
  const ids = [
    ...new Set([...missed, ...alerts, ...waiting, ...visits].map((x) => x.residentId).concat(care.map((c) => c._id))),
  ];
  const [statuses, residents] = await Promise.all([
    byIds<StatusDoc>('statuses', ids, { maskedName: true, buildingName: true, unit: true, room: true }),
    byIds<{ phoneMasked?: string }>('residents', ids, { phoneMasked: true }),
  ]);
  const who = (residentId: string) => {
    const s = statuses.get(residentId);
    return {
      residentId,
      maskedName: s?.maskedName ?? '',
      address: s ? `${s.buildingName}${s.unit}单元${s.room}室` : '',
      phoneMasked: residents.get(residentId)?.phoneMasked ?? null,
    };
  };
  return {
    missed: missed.map((m) => ({
      ...who(m.residentId),
      overdueHours: Math.floor((at.getTime() - m.windowEnd.getTime()) / 3600_000),
    })),
    alerts: alerts.map((a) => ({ ...who(a.residentId), at: a.at.toISOString(), detail: a.detail })),
    awaitingDecision: waiting.map((o) => ({
      ...who(o.residentId),
      orderId: o._id,
      text: o.text,
      plannedEnd: o.plannedEnd.toISOString(),
      why: o.decisionNeeded!.detail,
    })),
    overdueVisits: visits.map((f) => ({ ...who(f.residentId), followupId: f._id, dueOn: f.dueOn, note: f.note })),
    overdueCare: care.map((c) => ({
      ...who(c._id),
      dueOn: c.nextDueOn,
      way: WAY_NAMES[c.way],
      volunteerName: volunteerLabel(c.volunteerName),
    })),
    buildings: buildings
      .filter((b) => !b.retiredAt)
      .map((b) => ({ id: b._id, name: b.name, units: b.units }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true })),
  };
}

export const decide = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以处理隔离',
  input: v.pipe(
    input({
      requestId: requestId(),
      orderId: v.pipe(v.string('隔离记录无效'), v.regex(ORDER_ID, '隔离记录无效')),
      decision: oneOf('处理决定', ['end', 'extend']),
      why: text('处理理由', { min: 2, max: 200 }),
      days: v.optional(int('延长天数', 1, 14)),
    }),
    v.forward(
      v.check((i) => i.decision !== 'extend' || i.days !== undefined, '请填写延长天数'),
      ['days'],
    ),
  ),
  run: (input, { user }) => decideOrder(user, input),
} satisfies Def<'quarantine', 'decide'>;

async function decideOrder(
  worker: Stored<UserDoc>,
  { requestId, orderId, decision, why, days = 0 }: RequestOf<'quarantine', 'decide'>,
) {
  const order = await findById<IsolationOrderDoc>('isolation_orders', orderId);
  if (!order) throw notFound('隔离记录不存在');
  await requireGridOf(worker, order.buildingId);
  // A resent decision (same request id) answers what the first did: an extension is applied once.
  if (order.lastDecisionRequestId === requestId) return decided(order, order.state);
  if (!OPEN_STATES.includes(order.state)) throw new AppError('FAILED_PRECONDITION', '该隔离已结束');
  const at = now();
  const change =
    decision === 'end'
      ? { state: 'ended', endedAt: at, endedBy: worker._id }
      : { state: 'extended', plannedEnd: new Date(order.plannedEnd.getTime() + days * DAY_MS) };
  const lastDecision: WorkerDecision = { decision, why, days: decision === 'extend' ? days : 0, at };
  // Only the order as read is changed: of two decisions at once, the second is told it was taken.
  const changed = await updateWhere(
    'isolation_orders',
    { _id: orderId, state: order.state, plannedEnd: order.plannedEnd },
    { ...change, decisionNeeded: null, lastDecisionRequestId: requestId, lastDecision },
  );
  if (changed === 0) {
    const current = await findById<IsolationOrderDoc>('isolation_orders', orderId);
    if (current?.lastDecisionRequestId === requestId) return decided(current, current.state); // a resend raced the first
    throw new AppError('CONFLICT', '该隔离刚被处理，请刷新后查看');
  }
  await insertOnce('audit_logs', {
    _id: idFor('decide', worker._id, requestId),
    at,
    actor: worker._id,
    action: `isolation_${decision}`,
    residentId: order.residentId,
    before: { state: order.state, plannedEnd: order.plannedEnd },
    after: change,
    note: why,
  });
  return decided(order, change.state);
}

async function decided(order: IsolationOrderDoc, state: string) {
  const status = await recomputeStatus(order.residentId, now());
  return { orderId: order._id, state, colour: status.colour };
}
