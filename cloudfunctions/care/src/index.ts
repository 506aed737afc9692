/**
 * `care` (关爱服务): every isolated household gets a volunteer of its enclosure as contact; the
 * household asks for supplies, a meal, medicine or rubbish pickup; the volunteer accepts and
 * completes each request (contactless: left at the door).
 */
import { Def, defineFunction } from '../../../server/action';
import { now } from '../../../server/clock';
import { findById, findMany, insertOnce, replace, updateWhere } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { Self, requireAccepted } from '../../../server/household';
import { idFor } from '../../../server/ids';
import { id, input, oneOf, requestId, text, v } from '../../../server/schema';
import { maskedPhones } from '../../../server/phones';
import { volunteerLabel } from '../../../miniprogram/shared/volunteer';

const KINDS = { supplies: '代购生活物资', meal: '送餐', medicine: '代购药品', rubbish: '上门收垃圾' } as const;
type Kind = keyof typeof KINDS;

interface Assignment {
  volunteerOpenid: string;
  volunteerName: string;
  enclosureId: string;
}

/** The household's volunteer: kept once chosen; else the enclosure's volunteer with fewest households. */
async function volunteerFor(householdId: string, enclosureId: string): Promise<Assignment> {
  const existing = await findById<Assignment>('care_assignments', householdId);
  if (existing) return existing;
  const volunteers = await findMany<{ name?: string }>('users', { enclosureId, roles: 'volunteer' }, { limit: 50 });
  if (volunteers.length === 0) throw new AppError('FAILED_PRECONDITION', '本围合区暂无志愿者，请联系网格员');
  const loads = await Promise.all(
    volunteers.map(
      async (v) =>
        (await findMany('care_assignments', { volunteerOpenid: v._id }, { limit: 1000, fields: { _id: true } })).length,
    ),
  );
  const chosen = volunteers[loads.indexOf(Math.min(...loads))];
  const assignment = { volunteerOpenid: chosen._id, volunteerName: chosen.name ?? '志愿者', enclosureId };
  await replace('care_assignments', householdId, { ...assignment, assignedAt: now() });
  return assignment;
}

/** Care is for a household with an open isolation order; a pending newcomer may not ask for it. */
async function requireIsolatedHousehold(self: Self): Promise<void> {
  requireAccepted(self);
  const open = await findMany(
    'isolation_orders',
    {
      residentId: { $in: await householdMemberIds(self.resident.householdId) },
      state: { $in: ['active', 'extended'] },
    },
    { limit: 1 },
  );
  if (open.length === 0) throw new AppError('FAILED_PRECONDITION', '关爱服务面向居家隔离住户');
}

async function householdMemberIds(householdId: string): Promise<string[]> {
  const household = await findById<{ memberIds: string[] }>('households', householdId);
  return household?.memberIds ?? [];
}

const contact = {
  who: 'resident',
  input: input({}),
  async run(_input, { self }) {
    await requireIsolatedHousehold(self);
    const assignment = await volunteerFor(self.resident.householdId, self.resident.enclosureId);
    return { volunteerName: volunteerLabel(assignment.volunteerName) };
  },
} satisfies Def<'care', 'contact'>;

const request = {
  who: 'resident',
  input: input({
    requestId: requestId(),
    kind: oneOf('服务类型', Object.keys(KINDS) as [Kind, ...Kind[]]),
    note: v.optional(text('备注', { min: 0, max: 200 })),
  }),
  async run({ requestId, kind, note = '' }, { self }) {
    await requireIsolatedHousehold(self);
    const assignment = await volunteerFor(self.resident.householdId, self.resident.enclosureId);
    const id = idFor('care', self.openid, requestId);
    const r = self.resident;
    await insertOnce('care_requests', {
      _id: id,
      householdId: r.householdId,
      enclosureId: r.enclosureId,
      // Who asked: the volunteer may call them back (quarantine.callResident checks this task).
      residentId: self.residentId,
      volunteerOpenid: assignment.volunteerOpenid,
      address: `${r.buildingName}${r.unit}单元${r.room}室`,
      maskedName: r.maskedName,
      kind,
      note,
      state: 'open',
      createdAt: now(),
    });
    return { requestId: id, volunteerName: volunteerLabel(assignment.volunteerName) };
  },
} satisfies Def<'care', 'request'>;

const tasks = {
  who: 'staff',
  role: 'volunteer',
  denied: '仅志愿者可以查看服务任务',
  input: input({}),
  async run(_input, { user: volunteer }) {
    const list = await findMany<{
      residentId?: string; // absent on requests made before it was stored
      address: string;
      maskedName: string;
      kind: Kind;
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
      kind: KINDS[t.kind],
      note: t.note,
      state: t.state,
      residentId: t.residentId ?? null,
      phoneMasked: (t.residentId && phones.get(t.residentId)) || null,
    }));
  },
} satisfies Def<'care', 'tasks'>;

/** open → accepted → done, each step only by the assigned volunteer and only from the step before. */
const step = (from: string, to: string) =>
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

export const main = defineFunction('care', {
  contact,
  request,
  tasks,
  accept: step('open', 'accepted'),
  complete: step('accepted', 'done'),
});
