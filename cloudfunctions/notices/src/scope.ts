/**
 * Who may publish to which scope: the street admin to any; a 社区 admin to their 社区 and what is
 * in it; a grid worker to their enclosure or a building of their grids. The scope's name is what
 * residents read (春华苑 3栋).
 */
import { type NoticeLevel, audienceKey } from '../../../core/notice';
import { Stored, findById } from '../../../server/db';
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
