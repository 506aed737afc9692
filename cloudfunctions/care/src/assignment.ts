/**
 * Each household in care has one volunteer: kept once chosen, for its isolation's requests and a
 * 关爱对象's visits alike, so the same face comes to the door.
 */
import { now } from '../../../server/clock';
import { findById, findMany, replace } from '../../../server/db';
import { AppError } from '../../../server/errors';
import type { UserDoc } from '../../../server/users';

export interface Assignment {
  volunteerOpenid: string;
  volunteerName: string;
  enclosureId: string;
}

/**
 * The household's volunteer: kept once chosen while they still volunteer here; else the
 * enclosure's volunteer with fewest households (a volunteer who left or moved hands theirs on).
 */
export async function volunteerFor(householdId: string, enclosureId: string): Promise<Assignment> {
  const existing = await findById<Assignment>('care_assignments', householdId);
  if (existing && (await servesHere(existing.volunteerOpenid, enclosureId))) return existing;
  const volunteers = await findMany<{ name?: string }>('users', { enclosureId, roles: 'volunteer' }, { limit: 50 });
  if (volunteers.length === 0) throw new AppError('FAILED_PRECONDITION', '本围合区暂无志愿者，请联系网格员');
  const loads = await Promise.all(
    volunteers.map(
      async (v) =>
        (await findMany('care_assignments', { volunteerOpenid: v._id }, { limit: 1000, fields: { _id: true } })).length,
    ),
  );
  const chosen = volunteers[loads.indexOf(Math.min(...loads))];
  return assign(householdId, { volunteerOpenid: chosen._id, volunteerName: chosen.name ?? '志愿者', enclosureId });
}

/** The grid worker's choice of volunteer for a household, checked to be a volunteer of its enclosure. */
export async function assignVolunteer(
  householdId: string,
  enclosureId: string,
  volunteerOpenid: string,
): Promise<Assignment> {
  const volunteer = await findById<UserDoc>('users', volunteerOpenid);
  if (!volunteer?.roles.includes('volunteer') || volunteer.enclosureId !== enclosureId)
    throw new AppError('INVALID_ARGUMENT', '该志愿者不在本围合区', 'volunteerOpenid');
  const existing = await findById<Assignment>('care_assignments', householdId);
  if (existing?.volunteerOpenid === volunteerOpenid) return existing;
  return assign(householdId, { volunteerOpenid, volunteerName: volunteer.name ?? '志愿者', enclosureId });
}

async function servesHere(openid: string, enclosureId: string): Promise<boolean> {
  const user = await findById<UserDoc>('users', openid);
  return !!user?.roles.includes('volunteer') && user.enclosureId === enclosureId;
}

async function assign(householdId: string, assignment: Assignment): Promise<Assignment> {
  await replace('care_assignments', householdId, { ...assignment, assignedAt: now() });
  return assignment;
}
