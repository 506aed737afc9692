/** 拨打: a resident's full number, for the one who may call them, each reveal audited. */
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { Stored, findById, findMany, insert } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { decrypt } from '../../../server/pii';
import { UserDoc, gridBuildingIds, hasRole } from '../../../server/users';
import { id, input } from '../../../server/schema';

/**
 * The call button: the full phone number of a resident in the grid worker's own buildings, or of
 * someone who asked this volunteer for care (an open or accepted task) or whose group-order bag
 * they are to deliver, for `wx.makePhoneCall` only. Each reveal is audited; lists never carry full numbers.
 */
export const callResident = {
  who: 'staff',
  role: ['grid_worker', 'volunteer'],
  denied: '仅网格员或志愿者可以联系住户',
  input: input({ residentId: id('住户') }),
  run: ({ residentId }, { user }) => phoneOf(user, residentId),
} satisfies Def<'quarantine', 'callResident'>;

/** Why the caller may dial this resident: their grid, else a care task, a 关爱对象 or a door delivery of theirs. */
async function callerReason(caller: Stored<UserDoc>, residentId: string, buildingId: string): Promise<string> {
  if (hasRole(caller, 'grid_worker') && (await gridBuildingIds(caller)).includes(buildingId)) return '网格员拨打电话';
  if (hasRole(caller, 'volunteer')) {
    const tasks = await findMany(
      'care_requests',
      { volunteerOpenid: caller._id, residentId, state: { $in: ['open', 'accepted'] } },
      { limit: 1, fields: { _id: true } },
    );
    if (tasks.length > 0) return '志愿者拨打电话（关爱服务）';
    const subject = await findById<{ volunteerOpenid: string; enclosureId: string }>('care_subjects', residentId);
    if (subject?.volunteerOpenid === caller._id && subject.enclosureId === caller.enclosureId)
      return '志愿者拨打电话（关爱对象）';
    // A bag of a group order this volunteer is to leave at the resident's door, not yet delivered.
    const bags = await findMany(
      'group_orders',
      { volunteerOpenid: caller._id, residentId, state: 'placed', delivery: 'pending', contactless: true },
      { limit: 1, fields: { _id: true } },
    );
    if (bags.length > 0) return '志愿者拨打电话（团购配送）';
  }
  throw denied(hasRole(caller, 'grid_worker') ? '该住户不在您负责的网格' : '仅可联系向您求助的住户');
}

async function phoneOf(caller: Stored<UserDoc>, residentId: string) {
  const resident = await findById<{ buildingId: string; phoneSealed?: string; householdId: string }>(
    'residents',
    residentId,
  );
  if (!resident) throw notFound('住户不存在');
  const note = await callerReason(caller, residentId, resident.buildingId);
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
    actor: caller._id,
    action: 'reveal_phone',
    residentId,
    before: null,
    after: null,
    note,
  });
  return { phone: decrypt(sealed) };
}
