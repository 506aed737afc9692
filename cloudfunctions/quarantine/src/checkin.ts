/** 隔离打卡: my isolation (reasons, days left, windows) and the twice-daily check-in. */
import { nextWindow, openWindow } from '../../../core/checkin';
import { SYMPTOMS, SymptomCode } from '../../../core/declaration';
import { formatMomentCst, DAY_MS } from '../../../core/time';
import type { MyIsolation } from '../../../typings';
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { alertFields } from '../../../server/alerts';
import { findById, insert, insertOnce, updateWhere } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { id, input, int, list, num, oneOf, v } from '../../../server/schema';
import { addGrants } from '../../../server/notify';
import { StatusDoc, currentStatus, recomputeStatus, viewOf } from '../../../server/status';
import { Self, actingFor } from '../../../server/household';
import { decisionNote, openOrdersOf, ordersOfResident, recentCheckins } from './isolation-orders';

/** Check-ins are personal health data: kept 28 days, like declarations. */

export const mine = {
  who: 'resident',
  input: input({ residentId: v.optional(id('家庭成员')) }),
  run: ({ residentId }, { self }) => isolationOf(self, residentId),
} satisfies Def<'quarantine', 'mine'>;

async function isolationOf(self: Self, residentId: string | undefined): Promise<MyIsolation> {
  const target = await actingFor(self, residentId);
  const at = now();
  const [{ open: orders, endedByWorker }, checkins, stored] = await Promise.all([
    ordersOfResident(target.residentId, at),
    recentCheckins(target.residentId, at, 1),
    findById<StatusDoc>('statuses', target.residentId),
  ]);
  const status = stored ?? (await recomputeStatus(target.residentId, at));
  const window = openWindow(at);
  return {
    residentId: target.residentId,
    maskedName: status.maskedName,
    isolated: orders.length > 0,
    // Red for a fever has no order: the page explains the colour instead of saying 无需隔离.
    status: viewOf(currentStatus(status, at)),
    orders: orders.map((o) => ({
      text: o.text,
      plannedEnd: o.plannedEnd.toISOString(),
      daysLeft: Math.max(0, Math.ceil((o.plannedEnd.getTime() - at.getTime()) / DAY_MS)),
      state: o.state,
      awaitingDecision: !!o.decisionNeeded,
      decision: o.lastDecision ? decisionNote(o.lastDecision) : null,
    })),
    ended: endedByWorker.map((o) => ({ text: o.text, decision: decisionNote(o.lastDecision!) })),
    window: window ? { start: window.start.toISOString(), end: window.end.toISOString() } : null,
    checkedIn: !!window && checkins.some((c) => c.windowKey === window.key),
    next: nextWindow(at).start.toISOString(),
    /** For `wx.requestSubscribeMessage`: the check-in reminder's template. */
    reminderTemplateId: process.env.CHECKIN_REMINDER_TEMPLATE ?? null,
  };
}

/** The user accepted `accepted` reminder messages (one tap, one message). */
export const subscribe = {
  who: 'resident',
  input: input({ accepted: int('订阅次数', 1, 10) }),
  run: async ({ accepted }, { self }) => ({ remaining: await addGrants(self.openid, accepted, now()) }),
} satisfies Def<'quarantine', 'subscribe'>;

export const checkin = {
  who: 'resident',
  input: input({
    residentId: v.optional(id('家庭成员')),
    temperature: num('体温', 34, 43),
    symptoms: list('症状', oneOf('症状', Object.keys(SYMPTOMS) as [SymptomCode, ...SymptomCode[]]), 10),
  }),
  run: (input, { self }) => checkIn(self, input),
} satisfies Def<'quarantine', 'checkin'>;

async function checkIn(self: Self, { residentId, temperature, symptoms }: RequestOf<'quarantine', 'checkin'>) {
  const target = await actingFor(self, residentId);
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
    await insert(
      'alerts',
      alertFields(
        { ...target.resident, residentId: target.residentId },
        {
          at,
          kind: 'abnormal_checkin',
          detail: `${temperature.toFixed(1)}℃${labels.length ? '，' + labels.join('、') : ''}`,
        },
      ),
    );
  }
  return { duplicate: false, status: viewOf(status), alerted: medical };
}
