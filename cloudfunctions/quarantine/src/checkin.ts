/** 隔离打卡: my isolation (reasons, days left, windows) and the twice-daily check-in. */
import { nextWindow, openWindow } from '../../../core/checkin';
import { SYMPTOMS, SymptomCode } from '../../../core/declaration';
import { formatMomentCst, DAY_MS } from '../../../core/time';
import { Checker } from '../../../core/validate';
import { now } from '../../../server/clock';
import { insert, insertOnce, updateWhere } from '../../../server/db';
import { AppError } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { addGrants } from '../../../server/notify';
import { recomputeStatus, viewOf } from '../../../server/status';
import { actingFor, requireResident } from '../../../server/household';
import { OrderDoc, openOrdersOf, recentCheckins } from './orders';

/** Check-ins are personal health data: kept 28 days, like declarations. */
const CHECKIN_RETENTION_DAYS = 28;

export async function mine(payload: Record<string, unknown>, caller: Caller) {
  const self = await requireResident(caller);
  const target = await actingFor(self, payload.residentId);
  const at = now();
  const [orders, checkins] = await Promise.all([
    openOrdersOf(target.residentId),
    recentCheckins(target.residentId, at, 1),
  ]);
  const window = openWindow(at);
  return {
    residentId: target.residentId,
    isolated: orders.length > 0,
    orders: orders.map((o: OrderDoc) => ({
      text: o.text,
      plannedEnd: o.plannedEnd.toISOString(),
      daysLeft: Math.max(0, Math.ceil((o.plannedEnd.getTime() - at.getTime()) / DAY_MS)),
      state: o.state,
      awaitingDecision: !!o.decisionNeeded,
    })),
    window: window ? { start: window.start.toISOString(), end: window.end.toISOString() } : null,
    checkedIn: !!window && checkins.some((c) => c.windowKey === window.key),
    next: nextWindow(at).start.toISOString(),
    /** For `wx.requestSubscribeMessage`: the check-in reminder's template. */
    reminderTemplateId: process.env.CHECKIN_REMINDER_TEMPLATE ?? null,
  };
}

/** The user accepted `accepted` reminder messages (one tap, one message). */
export async function subscribe(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  const accepted = check.integer('accepted', payload.accepted, '订阅次数', 1, 10);
  check.done();
  const self = await requireResident(caller);
  return { remaining: await addGrants(self.openid, accepted, now()) };
}

export async function checkin(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  const temperature = check.number('temperature', payload.temperature, '体温', 34, 43);
  const raw = payload.symptoms === undefined ? [] : Array.isArray(payload.symptoms) ? payload.symptoms : null;
  if (!raw || raw.length > Object.keys(SYMPTOMS).length) check.fail('symptoms', '症状无效');
  const symptoms = (raw ?? []).map((s, i) =>
    check.oneOf(`symptoms.${i}`, s, Object.keys(SYMPTOMS) as SymptomCode[], '症状'),
  );
  check.done();
  const self = await requireResident(caller);
  const target = await actingFor(self, payload.residentId);
  const at = now();
  const window = openWindow(at);
  if (!window)
    throw new AppError(
      'FAILED_PRECONDITION',
      `当前不在测温打卡时段，下次打卡时间：${formatMomentCst(nextWindow(at).start)}`,
    );
  if ((await openOrdersOf(target.residentId)).length === 0)
    throw new AppError('FAILED_PRECONDITION', '当前无需隔离打卡');
  const labels = [...new Set(symptoms)].map((code) => SYMPTOMS[code]);
  // One check-in per window: a retry, or a second tap, finds the first.
  const stored = await insertOnce('checkins', {
    _id: `${target.residentId}-${window.key}`,
    residentId: target.residentId,
    householdId: target.resident.householdId,
    windowKey: window.key,
    at,
    temperature: Math.round(temperature * 10) / 10,
    symptoms: labels,
    source: 'checkin',
    by: self.openid,
    expireAt: new Date(at.getTime() + CHECKIN_RETENTION_DAYS * DAY_MS),
  });
  if (!stored) return { duplicate: true, status: null, alerted: false };
  // Checked in again: earlier missed windows leave the grid worker's roster.
  await updateWhere(
    'missed_checkins',
    { residentId: target.residentId, resolved: false },
    { resolved: true, resolvedAt: at },
  );
  const status = await recomputeStatus(target.residentId, at);
  // The rules decide what is abnormal (threshold from the street office's configuration).
  const medical = status.reasons.some(
    (r) => (r.rule === 'fever' || r.rule === 'symptoms') && r.since.getTime() === at.getTime(),
  );
  if (medical) {
    await insert('alerts', {
      at,
      kind: 'abnormal_checkin',
      residentId: target.residentId,
      buildingId: target.resident.buildingId,
      unit: target.resident.unit,
      maskedName: target.resident.maskedName,
      detail: `${temperature.toFixed(1)}℃${labels.length ? '，' + labels.join('、') : ''}`,
      resolved: false,
      expireAt: new Date(at.getTime() + CHECKIN_RETENTION_DAYS * DAY_MS),
    });
  }
  return { duplicate: false, status: viewOf(status), alerted: medical };
}
