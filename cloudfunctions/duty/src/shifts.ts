/**
 * 卡口值守: a grid worker puts the enclosure's people on its gates, shift by shift; each 上岗 at
 * the gate and 交班 with a note the next shift reads. The scan page shows who holds the gate now.
 */
import { SHIFT_SLOTS, ShiftSlot, shiftState, shiftWindow } from '../../../core/duty';
import { DAY_MS, cstDateOf } from '../../../core/time';
import type { Shift } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { Stored, findById, findMany, insertOnce, removeWhere, updateWhere } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { id, input, oneOf, text, v } from '../../../server/schema';
import { hasRole } from '../../../server/users';
import { SHIFT_STATE_NAMES } from '../../../miniprogram/shared/duty-names';
import { DUTY_DENIED, ON_DUTY, PLANNERS, PLANNER_DENIED, dutyPerson, enclosureOf, gateOf, nameOf } from './people';

export interface ShiftDoc {
  gateId: string;
  gateName: string;
  enclosureId: string;
  date: string;
  slot: ShiftSlot;
  startAt: Date;
  endAt: Date;
  staffOpenid: string;
  staffName: string;
  plannedBy: string;
  startedAt: Date | null;
  handedOverAt: Date | null;
  handOverNote: string | null;
}

const SLOTS = Object.keys(SHIFT_SLOTS) as [ShiftSlot, ...ShiftSlot[]];
/** Planned at most this far ahead: a roster for the coming fortnight. */
const AHEAD_DAYS = 14;

export function shiftOf(s: Stored<ShiftDoc>, at: Date, viewer: string): Shift {
  const state = shiftState(s, at);
  return {
    id: s._id,
    gateId: s.gateId,
    gateName: s.gateName,
    date: s.date,
    slot: s.slot,
    slotName: SHIFT_SLOTS[s.slot].label,
    startAt: s.startAt.toISOString(),
    endAt: s.endAt.toISOString(),
    staffOpenid: s.staffOpenid,
    staffName: s.staffName,
    state,
    stateName: SHIFT_STATE_NAMES[state],
    handOverNote: s.handOverNote,
    own: s.staffOpenid === viewer,
  };
}

const dateField = () => v.pipe(v.string('请选择日期'), v.regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期'));

export const planShift = {
  who: 'staff',
  role: PLANNERS,
  denied: PLANNER_DENIED,
  input: input({
    gateId: id('卡口'),
    date: dateField(),
    slot: oneOf('班次', SLOTS),
    staffOpenid: id('值守人员'),
  }),
  async run({ gateId, date, slot, staffOpenid }, { user }) {
    const gate = await gateOf(user, gateId);
    const window = shiftWindow(date, slot);
    if (!window) throw new AppError('INVALID_ARGUMENT', '请选择日期', 'date');
    const at = now();
    if (window.endAt <= at) throw new AppError('INVALID_ARGUMENT', '该班次已结束，不能再安排', 'date');
    if (window.startAt.getTime() > at.getTime() + AHEAD_DAYS * DAY_MS)
      throw new AppError('INVALID_ARGUMENT', `最多提前 ${AHEAD_DAYS} 天安排值守`, 'date');
    const person = await dutyPerson(gate.enclosureId, staffOpenid, 'staffOpenid');
    const shiftId = idFor('shift', staffOpenid, `${gateId}|${date}|${slot}`);
    const doc: Stored<ShiftDoc> = {
      _id: shiftId,
      gateId,
      gateName: gate.name,
      enclosureId: gate.enclosureId,
      date,
      slot,
      ...window,
      staffOpenid,
      staffName: nameOf(person),
      plannedBy: user._id,
      startedAt: null,
      handedOverAt: null,
      handOverNote: null,
    };
    // One person once per gate and shift: planned again, it answers the shift as it stands.
    if (!(await insertOnce('duty_shifts', doc)))
      return shiftOf((await findById<ShiftDoc>('duty_shifts', shiftId))!, at, user._id);
    return shiftOf(doc, at, user._id);
  },
} satisfies Def<'duty', 'planShift'>;

export const cancelShift = {
  who: 'staff',
  role: PLANNERS,
  denied: PLANNER_DENIED,
  input: input({ shiftId: id('班次') }),
  async run({ shiftId }, { user }) {
    const shift = await findById<ShiftDoc>('duty_shifts', shiftId);
    if (!shift) throw notFound('班次不存在');
    if (shift.enclosureId !== user.enclosureId) throw denied('该班次不在您所在的围合区');
    // Only one nobody has started: a shift held stays on the record.
    const removed = await removeWhere('duty_shifts', { _id: shiftId, startedAt: null });
    if (removed === 0) throw new AppError('FAILED_PRECONDITION', '该班次已上岗，不能取消');
    return { cancelled: true as const };
  },
} satisfies Def<'duty', 'cancelShift'>;

export const shifts = {
  who: 'staff',
  role: ON_DUTY,
  denied: DUTY_DENIED,
  input: input({ date: dateField(), mine: v.optional(v.boolean('请选择列表')) }),
  async run({ date, mine = false }, { user }) {
    // A volunteer sees their own; a grid worker the enclosure's unless asking for their own.
    const own = mine || !hasRole(user, PLANNERS);
    const where = own ? { staffOpenid: user._id, date } : { enclosureId: enclosureOf(user), date };
    const found = await findMany<ShiftDoc>('duty_shifts', where, { orderBy: ['startAt', 'asc'], limit: 300 });
    const at = now();
    return found.map((s) => shiftOf(s, at, user._id));
  },
} satisfies Def<'duty', 'shifts'>;

/** The caller's own shift, or a refusal. */
async function ownShift(openid: string, shiftId: string): Promise<Stored<ShiftDoc>> {
  const shift = await findById<ShiftDoc>('duty_shifts', shiftId);
  if (!shift) throw notFound('班次不存在');
  if (shift.staffOpenid !== openid) throw denied('只能为本人的班次上岗或交班');
  return shift;
}

export const startShift = {
  who: 'staff',
  role: ON_DUTY,
  denied: DUTY_DENIED,
  input: input({ shiftId: id('班次') }),
  async run({ shiftId }, { user }) {
    const shift = await ownShift(user._id, shiftId);
    const at = now();
    if (shift.startedAt) return shiftOf(shift, at, user._id); // a resend: started once
    const state = shiftState(shift, at);
    if (state === 'upcoming') throw new AppError('FAILED_PRECONDITION', '班次开始前 1 小时内才能上岗');
    if (at >= shift.endAt) throw new AppError('FAILED_PRECONDITION', '该班次已结束');
    await updateWhere('duty_shifts', { _id: shiftId, startedAt: null }, { startedAt: at });
    const stored = (await findById<ShiftDoc>('duty_shifts', shiftId))!;
    return shiftOf(stored, at, user._id);
  },
} satisfies Def<'duty', 'startShift'>;

export const handOver = {
  who: 'staff',
  role: ON_DUTY,
  denied: DUTY_DENIED,
  input: input({ shiftId: id('班次'), note: text('交班记录', { min: 2, max: 200 }) }),
  async run({ shiftId, note }, { user }) {
    const shift = await ownShift(user._id, shiftId);
    const at = now();
    if (shift.handedOverAt) {
      if (shift.handOverNote === note) return shiftOf(shift, at, user._id);
      throw new AppError('FAILED_PRECONDITION', '该班次已交班');
    }
    if (!shift.startedAt) throw new AppError('FAILED_PRECONDITION', '请先上岗');
    const done = await updateWhere(
      'duty_shifts',
      { _id: shiftId, handedOverAt: null },
      { handedOverAt: at, handOverNote: note },
    );
    const stored = (await findById<ShiftDoc>('duty_shifts', shiftId))!;
    if (done === 0 && stored.handOverNote !== note) throw new AppError('FAILED_PRECONDITION', '该班次已交班');
    return shiftOf(stored, at, user._id);
  },
} satisfies Def<'duty', 'handOver'>;

export const onDuty = {
  who: 'staff',
  role: ON_DUTY,
  denied: DUTY_DENIED,
  input: input({ gateId: id('卡口') }),
  async run({ gateId }, { user }) {
    await gateOf(user, gateId);
    const at = now();
    // The shifts that began in the last day: today's and the night's (a few documents).
    const recent = await findMany<ShiftDoc>(
      'duty_shifts',
      { gateId, startAt: command.gte(new Date(at.getTime() - DAY_MS)).and(command.lte(at)) },
      { orderBy: ['startAt', 'desc'], limit: 30 },
    );
    const holding = recent.filter((s) => shiftState(s, at) === 'on');
    const last = recent.filter((s) => s.handedOverAt).sort((a, b) => +b.handedOverAt! - +a.handedOverAt!)[0];
    return {
      names: holding.map((s) => s.staffName),
      handOverNote: last?.handOverNote ?? null,
      handedOverBy: last
        ? `${last.staffName}（${cstDateOf(last.handedOverAt!) === cstDateOf(at) ? '今天' : '昨天'}）`
        : null,
    };
  },
} satisfies Def<'duty', 'onDuty'>;
