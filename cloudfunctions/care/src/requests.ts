/**
 * 关爱服务 requests: an isolated household, or one with a 关爱对象, has a volunteer of its
 * enclosure as contact; it asks for supplies, a meal, medicine or rubbish pickup; the volunteer
 * accepts and completes each request (contactless: left at the door).
 */
import type { CareKind } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { findById, findMany, insertOnce, updateWhere } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { Self, requireAccepted } from '../../../server/household';
import { idFor } from '../../../server/ids';
import { id, input, oneOf, requestId, text, v } from '../../../server/schema';
import { maskedPhones } from '../../../server/phones';
import { volunteerLabel } from '../../../miniprogram/shared/volunteer';
import { KIND_NAMES } from '../../../miniprogram/shared/care-names';
import { addressOf } from '../../../core/register-rows';
import { Assignment, volunteerFor } from './assignment';

const KINDS = Object.keys(KIND_NAMES) as [CareKind, ...CareKind[]];

/**
 * Care is for a household with an open isolation order or a 关爱对象 the grid worker enrolled;
 * a pending newcomer may not ask for it.
 */
async function requireCareHousehold(self: Self): Promise<void> {
  requireAccepted(self);
  const memberIds = await householdMemberIds(self.resident.householdId);
  const [open, enrolled] = await Promise.all([
    findMany(
      'isolation_orders',
      { residentId: { $in: memberIds }, state: { $in: ['active', 'extended'] } },
      { limit: 1 },
    ),
    findMany('care_subjects', { _id: { $in: memberIds } }, { limit: 1, fields: { _id: true } }),
  ]);
  if (open.length === 0 && enrolled.length === 0)
    throw new AppError('FAILED_PRECONDITION', '关爱服务面向居家隔离住户和关爱对象');
}

/** A task for the household's volunteer on behalf of `residentId`; written once per id (a retry finds it). */
export async function openTask(
  taskId: string,
  where: { householdId: string; enclosureId: string; address: string; maskedName: string },
  residentId: string,
  assignment: Assignment,
  kind: CareKind,
  note: string,
): Promise<void> {
  await insertOnce('care_requests', {
    _id: taskId,
    householdId: where.householdId,
    enclosureId: where.enclosureId,
    // Who asked, or whom the volunteer visited: they may call them back (quarantine.callResident checks this task).
    residentId,
    volunteerOpenid: assignment.volunteerOpenid,
    address: where.address,
    maskedName: where.maskedName,
    kind,
    note,
    state: 'open',
    createdAt: now(),
  });
}

export async function householdMemberIds(householdId: string): Promise<string[]> {
  const household = await findById<{ memberIds: string[] }>('households', householdId);
  return household?.memberIds ?? [];
}

export const contact = {
  who: 'resident',
  input: input({}),
  async run(_input, { self }) {
    await requireCareHousehold(self);
    const assignment = await volunteerFor(self.resident.householdId, self.resident.enclosureId);
    return { volunteerName: volunteerLabel(assignment.volunteerName) };
  },
} satisfies Def<'care', 'contact'>;

export const request = {
  who: 'resident',
  input: input({
    requestId: requestId(),
    kind: oneOf('服务类型', KINDS),
    note: v.optional(text('备注', { min: 0, max: 200 })),
  }),
  async run({ requestId, kind, note = '' }, { self }) {
    await requireCareHousehold(self);
    const assignment = await volunteerFor(self.resident.householdId, self.resident.enclosureId);
    const id = idFor('care', self.openid, requestId);
    const r = self.resident;
    const where = {
      householdId: r.householdId,
      enclosureId: r.enclosureId,
      address: addressOf(r),
      maskedName: r.maskedName,
    };
    await openTask(id, where, self.residentId, assignment, kind, note);
    return { requestId: id, volunteerName: volunteerLabel(assignment.volunteerName) };
  },
} satisfies Def<'care', 'request'>;

export const tasks = {
  who: 'staff',
  role: 'volunteer',
  denied: '仅志愿者可以查看服务任务',
  input: input({}),
  async run(_input, { user: volunteer }) {
    const list = await findMany<{
      residentId?: string; // absent on requests made before it was stored
      address: string;
      maskedName: string;
      kind: CareKind;
      note: string;
      state: 'open' | 'accepted'; // the query asks for these two only
      createdAt: Date;
    }>(
      'care_requests',
      { volunteerOpenid: volunteer._id, state: { $in: ['open', 'accepted'] } },
      { orderBy: ['createdAt', 'asc'], limit: 100 },
    );
    const phones = await maskedPhones(list.map((t) => t.residentId));
    return list.map((t) => ({
      id: t._id,
      address: t.address,
      maskedName: t.maskedName,
      kind: KIND_NAMES[t.kind],
      note: t.note,
      state: t.state,
      residentId: t.residentId ?? null,
      phoneMasked: (t.residentId && phones.get(t.residentId)) || null,
    }));
  },
} satisfies Def<'care', 'tasks'>;

/** open → accepted → done, each step only by the assigned volunteer and only from the step before. */
export const step = (from: string, to: string) =>
  ({
    who: 'staff',
    role: 'volunteer',
    denied: '仅志愿者可以处理服务任务',
    input: input({ id: id('服务任务') }),
    async run({ id }, { user: volunteer }) {
      const updated = await updateWhere(
        'care_requests',
        { _id: id, volunteerOpenid: volunteer._id, state: from },
        { state: to, [`${to}At`]: now() },
      );
      if (updated === 0) throw new AppError('FAILED_PRECONDITION', '该任务已被处理或不属于您');
      return { id, state: to };
    },
  }) satisfies Def<'care', 'accept' | 'complete'>;
