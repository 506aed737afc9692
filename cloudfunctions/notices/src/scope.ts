/**
 * Who may publish to which scope: the street admin to any; a 社区 admin to their 社区 and what is
 * in it; a grid worker to their enclosure or a building of their grids. The scope's name is what
 * residents read (春华苑 3栋).
 */
import { type NoticeLevel, audienceKey } from '../../../core/notice';
import type { NoticeScope } from '../../../typings';
import { command } from '../../../server/cloud';
import { Stored, findAll, findById } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { UserDoc, gridBuildingIds, hasRole } from '../../../server/users';

interface Place {
  name: string;
  enclosureId?: string;
  communityId?: string;
  retiredAt?: Date;
}

export interface Scope {
  audience: string;
  name: string;
  /** The buildings whose reads are counted: one, an enclosure's, or none listed (wider scopes count by enclosure). */
  enclosureId: string | null;
  buildingId: string | null;
  communityId: string | null;
}

const OUTSIDE = '只能向本人负责的范围发布通知';

export async function scopeFor(
  user: Stored<UserDoc>,
  level: NoticeLevel,
  targetId: string | undefined,
): Promise<Scope> {
  const street = hasRole(user, 'admin');
  if (level === 'street') {
    if (!street) throw denied('仅街道管理员可以向全街道发布通知');
    return {
      audience: audienceKey('street', null),
      name: '全街道',
      enclosureId: null,
      buildingId: null,
      communityId: null,
    };
  }
  if (!targetId) throw new AppError('INVALID_ARGUMENT', '请选择发布范围', 'targetId');
  const collection = { community: 'communities', enclosure: 'enclosures', building: 'buildings' }[level];
  const place = await findById<Place>(collection, targetId);
  if (!place) throw notFound('发布范围不存在');
  if (place.retiredAt) throw new AppError('FAILED_PRECONDITION', '该范围已停用');
  const enclosure =
    level === 'building'
      ? await findById<Place>('enclosures', place.enclosureId ?? '')
      : level === 'enclosure'
        ? place
        : null;
  const communityId = level === 'community' ? targetId : (enclosure?.communityId ?? null);
  const enclosureId = level === 'enclosure' ? targetId : level === 'building' ? (place.enclosureId ?? null) : null;
  if (!street) {
    const communityAdmin = hasRole(user, 'community_admin') && !!communityId && user.communityId === communityId;
    const gridWorker =
      hasRole(user, 'grid_worker') &&
      (level === 'enclosure'
        ? user.enclosureId === targetId
        : level === 'building' && (await gridBuildingIds(user)).includes(targetId));
    if (!communityAdmin && !gridWorker) throw denied(OUTSIDE);
  }
  const name = level === 'building' ? `${enclosure?.name ?? ''}${place.name}` : place.name;
  return {
    audience: audienceKey(level, targetId),
    name,
    enclosureId,
    buildingId: level === 'building' ? targetId : null,
    communityId,
  };
}

interface Named {
  name: string;
  retiredAt?: Date;
}
const live = <T extends Named>(places: Stored<T>[]) => places.filter((p) => !p.retiredAt);

/**
 * Every scope the caller may publish to, widest first: the street admin the street, each 社区 and
 * each enclosure; a 社区 admin their 社区 and its enclosures; a grid worker their enclosure and
 * the buildings of their grids. One list however many of these roles they hold.
 */
export async function scopesOf(user: Stored<UserDoc>): Promise<NoticeScope[]> {
  const scopes: NoticeScope[] = [];
  const enclosuresOf = async (where: object) =>
    live(await findAll<Named>('enclosures', where, { fields: { name: true, retiredAt: true }, max: 5_000 }));
  if (hasRole(user, 'admin')) {
    scopes.push({ level: 'street', name: '全街道' });
    const communities = live(
      await findAll<Named>('communities', {}, { fields: { name: true, retiredAt: true }, max: 1_000 }),
    );
    scopes.push(...communities.map((c) => ({ level: 'community' as const, targetId: c._id, name: c.name })));
    scopes.push(
      ...(await enclosuresOf({})).map((e) => ({ level: 'enclosure' as const, targetId: e._id, name: e.name })),
    );
  } else if (hasRole(user, 'community_admin') && user.communityId) {
    const community = await findById<Named>('communities', user.communityId);
    if (community && !community.retiredAt)
      scopes.push({ level: 'community', targetId: community._id, name: community.name });
    scopes.push(
      ...(await enclosuresOf({ communityId: user.communityId })).map((e) => ({
        level: 'enclosure' as const,
        targetId: e._id,
        name: e.name,
      })),
    );
  }
  if (hasRole(user, 'grid_worker') && user.enclosureId) {
    const enclosure = await findById<Named>('enclosures', user.enclosureId);
    if (enclosure && !enclosure.retiredAt) {
      scopes.push({ level: 'enclosure', targetId: enclosure._id, name: enclosure.name });
      const ids = await gridBuildingIds(user);
      const buildings = ids.length
        ? live(await findAll<Named>('buildings', { _id: command.in(ids) }, { fields: { name: true, retiredAt: true } }))
        : [];
      buildings.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
      scopes.push(
        ...buildings.map((b) => ({ level: 'building' as const, targetId: b._id, name: `${enclosure.name}${b.name}` })),
      );
    }
  }
  const seen = new Set<string>();
  return scopes.filter((s) => !seen.has(`${s.level}:${s.targetId}`) && !!seen.add(`${s.level}:${s.targetId}`));
}
