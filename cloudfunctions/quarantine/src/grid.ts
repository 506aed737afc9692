/**
 * The grid worker's side of quarantine: put a building unit under isolation after a confirmed
 * case; the roster of missed check-ins, abnormal check-ins and isolations waiting for a decision;
 * the decision itself (end or extend, with a reason), audited.
 */
import { DAY_MS, endOfDayAfter } from '../../../core/time';
import { Checker } from '../../../core/validate';
import { now } from '../../../server/clock';
import { findById, findMany, insert, insertOnce, updateById } from '../../../server/db';
import { AppError, notFound } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { idFor } from '../../../server/ids';
import { decrypt } from '../../../server/pii';
import { refreshBuildingStats } from '../../../server/map';
import { StatusDoc, recomputeStatus } from '../../../server/status';
import { gridBuildingIds, requireGridOf, requireRole } from '../../../server/users';
import { OPEN_STATES, OrderDoc } from './orders';

export async function isolateUnit(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  const requestId = check.requestId(payload.requestId);
  const buildingId = check.text('buildingId', payload.buildingId, '楼栋', { max: 64 });
  const unit = check.number('unit', payload.unit, '单元', 1, 20);
  const reason = check.text('reason', payload.reason, '隔离原因', { min: 2, max: 100 });
  const days = payload.days === undefined ? 14 : check.number('days', payload.days, '隔离天数', 1, 28);
  check.done();
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以下达单元隔离');
  const building = await findById<{ enclosureId: string; name: string; units: number }>('buildings', buildingId);
  if (!building || unit > building.units) throw notFound('楼栋或单元不存在');
  await requireGridOf(worker, buildingId);
  const at = now();
  const orderId = idFor('unit', worker._id, requestId);
  await insertOnce('unit_orders', {
    _id: orderId,
    enclosureId: building.enclosureId,
    buildingId,
    unit,
    startAt: at,
    days,
    reason,
    orderedBy: worker._id,
  });
  // Everyone registered in the unit, including members without phones.
  const residents = await findMany<{ unit: number }>(
    'residents',
    { buildingId, unit },
    { limit: 1000, fields: { unit: true } },
  );
  for (const r of residents) await recomputeStatus(r._id, at, undefined, { refreshMap: false });
  await refreshBuildingStats(buildingId, at);
  await insert('audit_logs', {
    at,
    actor: worker._id,
    action: 'isolate_unit',
    residentId: null,
    before: null,
    after: { buildingId, unit, days, isolated: residents.length },
    note: reason,
  });
  return { orderId, isolated: residents.length, plannedEnd: endOfDayAfter(at, days).toISOString() };
}

async function myBuildings(caller: Caller): Promise<{ workerId: string; buildingIds: string[] }> {
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以查看隔离名单');
  return { workerId: worker._id, buildingIds: await gridBuildingIds(worker) };
}

export async function roster(_payload: unknown, caller: Caller) {
  const { buildingIds } = await myBuildings(caller);
  const at = now();
  const [missed, alerts, waiting] = await Promise.all([
    findMany<{ residentId: string; windowEnd: Date; lastCheckinAt?: Date }>(
      'missed_checkins',
      { buildingId: { $in: buildingIds }, resolved: false },
      { orderBy: ['windowEnd', 'asc'], limit: 200 },
    ),
    findMany<{ residentId: string; at: Date; detail: string }>(
      'alerts',
      { buildingId: { $in: buildingIds }, resolved: false },
      { orderBy: ['at', 'desc'], limit: 100 },
    ),
    findMany<OrderDoc>(
      'isolation_orders',
      { buildingId: { $in: buildingIds }, state: { $in: OPEN_STATES }, decisionNeeded: { $ne: null } },
      { limit: 100 },
    ),
  ]);
  const ids = [...new Set([...missed, ...alerts, ...waiting].map((x) => x.residentId))];
  const statuses = await findMany<StatusDoc>('statuses', { _id: { $in: ids } }, { limit: 500 });
  const residents = await findMany<{ phoneMasked?: string }>(
    'residents',
    { _id: { $in: ids } },
    { limit: 500, fields: { phoneMasked: true } },
  );
  const who = (residentId: string) => {
    const s = statuses.find((x) => x._id === residentId);
    return {
      residentId,
      maskedName: s?.maskedName ?? '',
      address: s ? `${s.buildingName}${s.unit}单元${s.room}室` : '',
      phoneMasked: residents.find((r) => r._id === residentId)?.phoneMasked ?? null,
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
  };
}

export async function decide(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  const orderId = check.text('orderId', payload.orderId, '隔离记录', { max: 128 });
  const decision = check.oneOf('decision', payload.decision, ['end', 'extend'] as const, '处理决定');
  const why = check.text('why', payload.why, '处理理由', { min: 2, max: 200 });
  const days = decision === 'extend' ? check.number('days', payload.days, '延长天数', 1, 14) : 0;
  check.done();
  const { workerId, buildingIds } = await myBuildings(caller);
  const order = await findById<OrderDoc>('isolation_orders', orderId);
  if (!order) throw notFound('隔离记录不存在');
  if (!buildingIds.includes(order.buildingId)) throw new AppError('PERMISSION_DENIED', '该住户不在您负责的网格');
  if (!OPEN_STATES.includes(order.state)) throw new AppError('FAILED_PRECONDITION', '该隔离已结束');
  const at = now();
  const change =
    decision === 'end'
      ? { state: 'ended', endedAt: at, endedBy: workerId }
      : { state: 'extended', plannedEnd: new Date(order.plannedEnd.getTime() + days * DAY_MS) };
  await updateById('isolation_orders', orderId, { ...change, decisionNeeded: null });
  await insert('audit_logs', {
    at,
    actor: workerId,
    action: `isolation_${decision}`,
    residentId: order.residentId,
    before: { state: order.state, plannedEnd: order.plannedEnd },
    after: change,
    note: why,
  });
  const status = await recomputeStatus(order.residentId, at);
  return { orderId, state: change.state, colour: status.colour };
}

/**
 * The call button: the full phone number of a resident in the grid worker's own buildings, for
 * `wx.makePhoneCall` only. Each reveal is audited; lists never carry full numbers.
 */
export async function callResident(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  const residentId = check.text('residentId', payload.residentId, '住户', { max: 64 });
  check.done();
  const { workerId, buildingIds } = await myBuildings(caller);
  const resident = await findById<{ buildingId: string; phoneSealed?: string; householdId: string }>(
    'residents',
    residentId,
  );
  if (!resident) throw notFound('住户不存在');
  if (!buildingIds.includes(resident.buildingId)) throw new AppError('PERMISSION_DENIED', '该住户不在您负责的网格');
  let sealed = resident.phoneSealed;
  if (!sealed) {
    // No phone of their own (a child, an elder): call the household head instead.
    const household = await findById<{ headResidentId: string }>('households', resident.householdId);
    const head = household ? await findById<{ phoneSealed?: string }>('residents', household.headResidentId) : null;
    sealed = head?.phoneSealed;
  }
  if (!sealed) throw new AppError('FAILED_PRECONDITION', '该住户未登记手机号');
  await insert('audit_logs', {
    at: now(),
    actor: workerId,
    action: 'reveal_phone',
    residentId,
    before: null,
    after: null,
    note: '网格员拨打电话',
  });
  return { phone: decrypt(sealed) };
}
