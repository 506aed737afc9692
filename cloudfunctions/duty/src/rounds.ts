/**
 * 巡查与消杀: a grid worker plans a round at a place (楼道, 垃圾站, 电梯) at times of day for some
 * days, walked by one person of the enclosure, who checks it off there with a note and, if it
 * helps, a photo. A time not checked two hours after is missed (missed.ts lists it).
 */
import { ROUND_KINDS, RoundKind, isTimeOfDay, roundState, roundsDue } from '../../../core/duty';
import { DAY_MS, cstDayStart } from '../../../core/time';
import type { RoundDue } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { Stored, findById, findMany, insertOnce, updateWhere } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { id, input, instant, int, list, oneOf, requestId, text, v } from '../../../server/schema';
import { UserDoc, hasRole } from '../../../server/users';
import { ROUND_KIND_NAMES, ROUND_STATE_NAMES } from '../../../miniprogram/shared/duty-names';
import { DUTY_DENIED, ON_DUTY, PLANNERS, PLANNER_DENIED, dutyPerson, enclosureOf, nameOf } from './people';

export interface RoundPlanDoc {
  enclosureId: string;
  kind: RoundKind;
  place: string;
  times: string[];
  fromDate: string;
  days: number;
  assigneeOpenid: string;
  assigneeName: string;
  plannedBy: string;
  createdAt: Date;
  /** Ended early: no round falls due after it. */
  endedAt: Date | null;
  /** The end of its last day, or when it was ended: lists read only plans running in their window. */
  untilAt: Date;
}

export interface RoundCheckDoc {
  planId: string;
  enclosureId: string;
  due: Date;
  checkedAt: Date;
  checkedBy: string;
  checkedByName: string;
  note: string | null;
  photoFileId: string | null;
}

const PHOTO = /^cloud:\/\/[^/\s]+\/rounds\/[^\s]{1,200}$/;
const checkId = (planId: string, due: Date) => `${planId}:${due.toISOString()}`;

/** The plan's rounds due between two instants (none after it was ended). */
export function duesOf(plan: Stored<RoundPlanDoc>, from: Date, to: Date): Date[] {
  const until = plan.endedAt && plan.endedAt < to ? plan.endedAt : to;
  return roundsDue(plan, from, until);
}

export function roundOf(
  plan: Stored<RoundPlanDoc>,
  due: Date,
  check: Stored<RoundCheckDoc> | undefined,
  at: Date,
): RoundDue {
  const state = roundState(due, check?.checkedAt ?? null, at);
  return {
    planId: plan._id,
    kind: plan.kind,
    kindName: ROUND_KIND_NAMES[plan.kind],
    place: plan.place,
    due: due.toISOString(),
    assigneeOpenid: plan.assigneeOpenid,
    assigneeName: plan.assigneeName,
    state,
    stateName: ROUND_STATE_NAMES[state],
    checkedAt: check?.checkedAt.toISOString() ?? null,
    checkedByName: check?.checkedByName ?? null,
    note: check?.note ?? null,
    hasPhoto: !!check?.photoFileId,
  };
}

/** Every round due in a window, each with its check: the plans of one read, the checks of another. */
export async function roundsIn(where: object, enclosureId: string, from: Date, to: Date, at: Date) {
  const plans = await findMany<RoundPlanDoc>('round_plans', { ...where, untilAt: command.gte(from) }, { limit: 500 });
  const checks = await findMany<RoundCheckDoc>(
    'round_checks',
    { enclosureId, due: command.gte(from).and(command.lte(to)) },
    { limit: 1000 },
  );
  const byId = new Map(checks.map((c) => [c._id, c]));
  return plans
    .flatMap((plan) => duesOf(plan, from, to).map((due) => roundOf(plan, due, byId.get(checkId(plan._id, due)), at)))
    .sort((a, b) => a.due.localeCompare(b.due) || a.place.localeCompare(b.place, 'zh-CN'));
}

export const planRound = {
  who: 'staff',
  role: PLANNERS,
  denied: PLANNER_DENIED,
  input: input({
    requestId: requestId(),
    kind: oneOf('类型', ROUND_KINDS),
    place: text('地点', { min: 2, max: 40 }),
    times: list('时间', v.pipe(v.string('请选择时间'), v.check(isTimeOfDay, '时间应为 08:30 这样的格式')), 6),
    fromDate: v.pipe(v.string('请选择开始日期'), v.regex(/^\d{4}-\d{2}-\d{2}$/, '请选择开始日期')),
    days: int('天数', 1, 60),
    assigneeOpenid: id('负责人'),
  }),
  async run({ requestId: rid, kind, place, times, fromDate, days, assigneeOpenid }, { user }) {
    const enclosureId = enclosureOf(user);
    const planId = idFor('round', user._id, rid);
    if (await findById('round_plans', planId)) return { planId }; // a resend: planned once
    if (!times.length) throw new AppError('INVALID_ARGUMENT', '请至少选择一个时间', 'times');
    const start = cstDayStart(fromDate);
    if (!start) throw new AppError('INVALID_ARGUMENT', '请选择开始日期', 'fromDate');
    if (start.getTime() + days * DAY_MS <= now().getTime())
      throw new AppError('INVALID_ARGUMENT', '结束日期已过', 'fromDate');
    const person = await dutyPerson(enclosureId, assigneeOpenid, 'assigneeOpenid');
    await insertOnce<Stored<RoundPlanDoc>>('round_plans', {
      _id: planId,
      enclosureId,
      kind,
      place,
      times: [...new Set(times)].sort(),
      fromDate,
      days,
      assigneeOpenid,
      assigneeName: nameOf(person),
      plannedBy: user._id,
      createdAt: now(),
      endedAt: null,
      untilAt: new Date(start.getTime() + days * DAY_MS),
    });
    return { planId };
  },
} satisfies Def<'duty', 'planRound'>;

export const endRound = {
  who: 'staff',
  role: PLANNERS,
  denied: PLANNER_DENIED,
  input: input({ planId: id('巡查计划') }),
  async run({ planId }, { user }) {
    const plan = await findById<RoundPlanDoc>('round_plans', planId);
    if (!plan) throw notFound('巡查计划不存在');
    if (plan.enclosureId !== user.enclosureId) throw denied('该巡查计划不在您所在的围合区');
    const at = now();
    await updateWhere(
      'round_plans',
      { _id: planId, endedAt: null },
      { endedAt: at, untilAt: at < plan.untilAt ? at : plan.untilAt },
    );
    return { ended: true as const };
  },
} satisfies Def<'duty', 'endRound'>;

const dayOf = (date: string) => {
  const start = cstDayStart(date);
  if (!start) throw new AppError('INVALID_ARGUMENT', '请选择日期', 'date');
  return { from: start, to: new Date(start.getTime() + DAY_MS - 1) };
};

export const rounds = {
  who: 'staff',
  role: ON_DUTY,
  denied: DUTY_DENIED,
  input: input({
    date: v.pipe(v.string('请选择日期'), v.regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期')),
    mine: v.optional(v.boolean('请选择列表')),
  }),
  async run({ date, mine = false }, { user }) {
    const enclosureId = enclosureOf(user);
    const { from, to } = dayOf(date);
    const own = mine || !hasRole(user, PLANNERS);
    const where = own ? { enclosureId, assigneeOpenid: user._id } : { enclosureId };
    return roundsIn(where, enclosureId, from, to, now());
  },
} satisfies Def<'duty', 'rounds'>;

/** Who may check a round off: the one it is planned for, or a grid worker of the enclosure. */
function mayCheck(user: Stored<UserDoc>, plan: RoundPlanDoc) {
  return plan.assigneeOpenid === user._id || (hasRole(user, PLANNERS) && user.enclosureId === plan.enclosureId);
}

export const checkRound = {
  who: 'staff',
  role: ON_DUTY,
  denied: DUTY_DENIED,
  input: input({
    planId: id('巡查计划'),
    due: instant('巡查时间'),
    note: v.optional(text('情况', { min: 0, max: 200 })),
    photoFileId: v.optional(v.union([v.literal(''), v.pipe(v.string(), v.regex(PHOTO))], '照片无效，请重新上传')),
  }),
  async run({ planId, due, note = '', photoFileId = '' }, { user }) {
    const plan = await findById<RoundPlanDoc>('round_plans', planId);
    if (!plan) throw notFound('巡查计划不存在');
    if (!mayCheck(user, plan)) throw denied('只能完成本人负责或本围合区的巡查');
    const dueAt = new Date(due);
    if (!duesOf(plan, dueAt, dueAt).length) throw new AppError('INVALID_ARGUMENT', '该时间没有安排巡查', 'due');
    const at = now();
    const id_ = checkId(planId, dueAt);
    const existing = await findById<RoundCheckDoc>('round_checks', id_);
    if (existing) return roundOf(plan, dueAt, existing, at); // checked once; a resend answers it
    if (roundState(dueAt, null, at) === 'upcoming')
      throw new AppError('FAILED_PRECONDITION', '巡查时间前 1 小时内才能打卡');
    const check: Stored<RoundCheckDoc> = {
      _id: id_,
      planId,
      enclosureId: plan.enclosureId,
      due: dueAt,
      checkedAt: at,
      checkedBy: user._id,
      checkedByName: nameOf(user),
      note: note.trim() || null,
      photoFileId: photoFileId || null,
    };
    if (!(await insertOnce('round_checks', check)))
      return roundOf(plan, dueAt, (await findById<RoundCheckDoc>('round_checks', id_))!, at);
    return roundOf(plan, dueAt, check, at);
  },
} satisfies Def<'duty', 'checkRound'>;
