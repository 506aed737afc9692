/**
 * `care` (关爱服务): every isolated household gets a volunteer of its enclosure as contact; the
 * household asks for supplies, a meal, medicine or rubbish pickup; the volunteer accepts and
 * completes each request (contactless: left at the door).
 */
import { Checker } from '../../../core/validate';
import { currentCaller } from '../../../server/cloud';
import { now } from '../../../server/clock';
import { findById, findMany, insertOnce, replace, updateWhere } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { Caller, createMain } from '../../../server/handler';
import { requireAccepted, requireResident } from '../../../server/household';
import { idFor } from '../../../server/ids';
import { requireRole } from '../../../server/users';

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

async function isolatedHousehold(caller: Caller) {
  const self = await requireResident(caller);
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
  return self;
}

async function householdMemberIds(householdId: string): Promise<string[]> {
  const household = await findById<{ memberIds: string[] }>('households', householdId);
  return household?.memberIds ?? [];
}

async function contact(_payload: unknown, caller: Caller) {
  const self = await isolatedHousehold(caller);
  const assignment = await volunteerFor(self.resident.householdId, self.resident.enclosureId);
  return { volunteerName: assignment.volunteerName };
}

async function request(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  const requestId = check.requestId(payload.requestId);
  const kind = check.oneOf('kind', payload.kind, Object.keys(KINDS) as Kind[], '服务类型');
  const note =
    payload.note === undefined || payload.note === '' ? '' : check.text('note', payload.note, '备注', { max: 200 });
  check.done();
  const self = await isolatedHousehold(caller);
  const assignment = await volunteerFor(self.resident.householdId, self.resident.enclosureId);
  const id = idFor('care', self.openid, requestId);
  const r = self.resident;
  await insertOnce('care_requests', {
    _id: id,
    householdId: r.householdId,
    enclosureId: r.enclosureId,
    volunteerOpenid: assignment.volunteerOpenid,
    address: `${r.buildingName}${r.unit}单元${r.room}室`,
    maskedName: r.maskedName,
    kind,
    note,
    state: 'open',
    createdAt: now(),
  });
  return { requestId: id, volunteerName: assignment.volunteerName };
}

async function tasks(_payload: unknown, caller: Caller) {
  const volunteer = await requireRole(caller, 'volunteer', '仅志愿者可以查看服务任务');
  const list = await findMany<{
    address: string;
    maskedName: string;
    kind: Kind;
    note: string;
    state: string;
    createdAt: Date;
  }>(
    'care_requests',
    { volunteerOpenid: volunteer._id, state: { $in: ['open', 'accepted'] } },
    { orderBy: ['createdAt', 'asc'], limit: 100 },
  );
  return list.map((t) => ({
    id: t._id,
    address: t.address,
    maskedName: t.maskedName,
    kind: KINDS[t.kind],
    note: t.note,
    state: t.state,
  }));
}

/** open → accepted → done, each step only by the assigned volunteer and only from the step before. */
async function advance(payload: Record<string, unknown>, caller: Caller, from: string, to: string) {
  const volunteer = await requireRole(caller, 'volunteer', '仅志愿者可以处理服务任务');
  const id = typeof payload.id === 'string' ? payload.id : '';
  const updated = await updateWhere(
    'care_requests',
    { _id: id, volunteerOpenid: volunteer._id, state: from },
    { state: to, [`${to}At`]: now() },
  );
  if (updated === 0) throw new AppError('FAILED_PRECONDITION', '该任务已被处理或不属于您');
  return { id, state: to };
}

export const main = createMain(
  'care',
  {
    contact,
    request,
    tasks,
    accept: (p: Record<string, unknown>, c: Caller) => advance(p, c, 'open', 'accepted'),
    complete: (p: Record<string, unknown>, c: Caller) => advance(p, c, 'accepted', 'done'),
  },
  currentCaller,
);
