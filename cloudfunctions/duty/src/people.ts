/** Who may hold the enclosure's gates and walk its rounds: its grid workers and volunteers. */
import type { Def } from '../../../server/action';
import { Stored, findAll, findById } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { input } from '../../../server/schema';
import { UserDoc, hasRole } from '../../../server/users';

export const PLANNERS = 'grid_worker';
export const ON_DUTY = ['grid_worker', 'volunteer'] as const;
export const PLANNER_DENIED = '仅网格员可以安排值守与巡查';
export const DUTY_DENIED = '仅网格员或志愿者可以查看值守与巡查';

export interface GateDoc {
  name: string;
  enclosureId: string;
  retiredAt?: Date;
}

export const nameOf = (user: UserDoc) =>
  hasRole(user, 'grid_worker') ? `网格员${user.name ?? ''}` : `志愿者${user.name ?? ''}`;

/** The enclosure the caller works for; refused for staff without one. */
export function enclosureOf(user: UserDoc): string {
  if (!user.enclosureId) throw denied('您尚未分配到围合区');
  return user.enclosureId;
}

export async function dutyPeople(enclosureId: string): Promise<Stored<UserDoc>[]> {
  const users = await findAll<UserDoc>('users', { enclosureId }, { max: 2_000 });
  return users.filter((u) => hasRole(u, ON_DUTY));
}

/** A person of the enclosure who may be put on duty, or a refusal naming the field. */
export async function dutyPerson(enclosureId: string, openid: string, field: string): Promise<Stored<UserDoc>> {
  const person = await findById<UserDoc>('users', openid);
  if (!person || !hasRole(person, ON_DUTY) || person.enclosureId !== enclosureId)
    throw new AppError('INVALID_ARGUMENT', '只能安排本围合区的网格员或志愿者', field);
  return person;
}

export async function gateOf(user: UserDoc, gateId: string): Promise<Stored<GateDoc>> {
  const gate = await findById<GateDoc>('gates', gateId);
  if (!gate) throw notFound('卡口不存在');
  if (gate.enclosureId !== user.enclosureId) throw denied('该卡口不在您所在的围合区');
  if (gate.retiredAt) throw new AppError('FAILED_PRECONDITION', '该卡口已撤除');
  return gate;
}

export const people = {
  who: 'staff',
  role: PLANNERS,
  denied: PLANNER_DENIED,
  input: input({}),
  async run(_input, { user }) {
    const enclosureId = enclosureOf(user);
    const [staff, gates] = await Promise.all([
      dutyPeople(enclosureId),
      findAll<GateDoc>('gates', { enclosureId }, { max: 200 }),
    ]);
    return {
      people: staff
        .map((u) => ({ openid: u._id, name: nameOf(u) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      gates: gates.filter((g) => !g.retiredAt).map((g) => ({ id: g._id, name: g.name })),
    };
  },
} satisfies Def<'duty', 'people'>;
