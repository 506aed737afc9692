/**
 * The staff an admin manages: who works where, suspending someone (their staff roles go; a
 * resident stays a resident), and handing a leaving grid worker's grids and gates to another.
 * The street admin manages everyone; a community admin the grid workers and volunteers of their
 * 社区's enclosures. Every change is audited and lands in one transaction.
 */
import type { InvitedRole, StaffMember } from '../../../typings';
import { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { Stored, findAll, findById } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { id, input, text } from '../../../server/schema';
import { inTransaction } from '../../../server/transaction';
import { UserDoc, hasRole } from '../../../server/users';

const ADMINS = ['admin', 'community_admin'] as const;
const DENIED = '仅街道或社区管理员可以管理工作人员';
const STAFF_ROLES: InvitedRole[] = ['grid_worker', 'volunteer', 'medic', 'community_admin', 'admin'];
const FIELD_ROLES: InvitedRole[] = ['grid_worker', 'volunteer', 'medic'];

const staffRolesOf = (user: UserDoc) =>
  user.roles.filter((r): r is InvitedRole => STAFF_ROLES.includes(r as InvitedRole));

/** The enclosures a community admin manages (ids); null for the street admin (all). */
async function managedEnclosures(admin: Stored<UserDoc>): Promise<Set<string> | null> {
  if (hasRole(admin, 'admin')) return null;
  const enclosures = await findAll<object>(
    'enclosures',
    { communityId: admin.communityId ?? '' },
    { fields: { _id: true } },
  );
  return new Set(enclosures.map((e) => (e as { _id: string })._id));
}

/** Refuses unless the admin may manage this member. */
function requireManages(admin: Stored<UserDoc>, member: Stored<UserDoc>, managed: Set<string> | null): void {
  if (member._id === admin._id) throw denied('不能对自己办理');
  if (managed === null) return;
  const fieldOnly = staffRolesOf(member).every((r) => FIELD_ROLES.includes(r));
  if (!fieldOnly || !member.enclosureId || !managed.has(member.enclosureId))
    throw denied('只能管理本社区围合区的工作人员');
}

export const members = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({}),
  async run(_input, { user }) {
    const managed = await managedEnclosures(user);
    const query = managed
      ? { roles: command.in(FIELD_ROLES), enclosureId: command.in([...managed]) }
      : { roles: command.in(STAFF_ROLES) };
    const people = await findAll<UserDoc>('users', query, { max: 5_000 });
    const gridIds = [...new Set(people.flatMap((p) => p.gridIds ?? []))];
    const gateIds = [...new Set(people.flatMap((p) => p.gateIds ?? []))];
    const enclosureIds = [...new Set(people.map((p) => p.enclosureId).filter((e): e is string => !!e))];
    const [grids, gates, enclosures] = await Promise.all([
      gridIds.length ? findAll<{ name: string }>('grids', { _id: command.in(gridIds) }) : [],
      gateIds.length ? findAll<{ name: string }>('gates', { _id: command.in(gateIds) }) : [],
      enclosureIds.length ? findAll<{ name: string }>('enclosures', { _id: command.in(enclosureIds) }) : [],
    ]);
    const named = (list: Stored<{ name: string }>[], ids: string[] = []) =>
      ids.map((i) => ({ id: i, name: list.find((x) => x._id === i)?.name ?? i }));
    return people.map((p): StaffMember => ({
      userId: p._id,
      name: p.name ?? '未命名',
      roles: staffRolesOf(p),
      enclosureId: p.enclosureId ?? null,
      enclosureName: enclosures.find((e) => e._id === p.enclosureId)?.name ?? null,
      grids: named(grids, p.gridIds),
      gates: named(gates, p.gateIds),
    }));
  },
} satisfies Def<'staff', 'members'>;

export const suspend = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({ userId: id('工作人员'), reason: text('原因', { min: 2, max: 200 }) }),
  async run({ userId, reason }, { user }) {
    const member = await findById<UserDoc>('users', userId);
    if (!member || staffRolesOf(member).length === 0) throw notFound('该工作人员不存在或已停用');
    requireManages(user, member, await managedEnclosures(user));
    const at = now();
    return inTransaction(async (w) => {
      const current = (await w.get<UserDoc>('users', userId))!;
      const roles = current.roles.filter((r) => !STAFF_ROLES.includes(r as InvitedRole));
      // Where they live stays; where they worked, and what they guarded, goes.
      await w.update('users', userId, {
        roles,
        gridIds: [],
        gateIds: [],
        enclosureId: command.remove(),
        communityId: command.remove(),
        suspendedAt: at,
        suspendedBy: user._id,
      });
      for (const gridId of current.gridIds ?? [])
        await w.update('grids', gridId, { workerOpenids: command.pull(userId) });
      await w.insert('audit_logs', `aud-suspend-${userId}-${at.getTime()}`, {
        at,
        actor: user._id,
        action: 'suspend_staff',
        target: userId,
        before: { roles: current.roles, gridIds: current.gridIds ?? [], gateIds: current.gateIds ?? [] },
        after: { roles },
        note: reason,
      });
      return { userId, roles };
    });
  },
} satisfies Def<'staff', 'suspend'>;

export const handOver = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({ fromUserId: id('交出人'), toUserId: id('接手人') }),
  async run({ fromUserId, toUserId }, { user }) {
    if (fromUserId === toUserId) throw new AppError('INVALID_ARGUMENT', '交出人与接手人不能是同一人', 'toUserId');
    const [from, to] = await Promise.all([
      findById<UserDoc>('users', fromUserId),
      findById<UserDoc>('users', toUserId),
    ]);
    if (!from || !hasRole(from, 'grid_worker')) throw new AppError('NOT_FOUND', '交出人不是网格员', 'fromUserId');
    if (!to || !hasRole(to, 'grid_worker')) throw new AppError('INVALID_ARGUMENT', '接手人须为网格员', 'toUserId');
    if (from.enclosureId !== to.enclosureId)
      throw new AppError('INVALID_ARGUMENT', '接手人须为同一围合区的网格员', 'toUserId');
    const managed = await managedEnclosures(user);
    requireManages(user, from, managed);
    requireManages(user, to, managed);
    const at = now();
    return inTransaction(async (w) => {
      const [giver, taker] = [(await w.get<UserDoc>('users', fromUserId))!, (await w.get<UserDoc>('users', toUserId))!];
      const gridIds = giver.gridIds ?? [];
      const gateIds = giver.gateIds ?? [];
      await w.update('users', toUserId, {
        gridIds: [...new Set([...(taker.gridIds ?? []), ...gridIds])],
        gateIds: [...new Set([...(taker.gateIds ?? []), ...gateIds])],
      });
      await w.update('users', fromUserId, { gridIds: [], gateIds: [] });
      for (const gridId of gridIds) {
        const grid = await w.get<{ workerOpenids?: string[] }>('grids', gridId);
        const workers = (grid?.workerOpenids ?? []).filter((o) => o !== fromUserId);
        await w.update('grids', gridId, { workerOpenids: [...new Set([...workers, toUserId])] });
      }
      await w.insert('audit_logs', `aud-handover-${fromUserId}-${at.getTime()}`, {
        at,
        actor: user._id,
        action: 'hand_over',
        target: fromUserId,
        before: { from: fromUserId, gridIds, gateIds },
        after: { to: toUserId },
        note: '',
      });
      return { gridIds, gateIds };
    });
  },
} satisfies Def<'staff', 'handOver'>;
