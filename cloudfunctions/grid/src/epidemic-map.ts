/** 防疫地图 in the grid console: my enclosure's buildings, and one building's floors and units. */
import type { BuildingStats } from '../../../core/building-stats';
import type { Def } from '../../../server/action';
import { findAll, findById } from '../../../server/db';
import { notFound } from '../../../server/errors';
import { id, input } from '../../../server/schema';
import { mapViewOf, withPeople } from '../../../server/building-stats';
import { UserDoc, gridBuildingIds } from '../../../server/users';

/** The buildings of my grids, with their counts and who to call: five database operations up to 1000 buildings. */
export const map = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以查看防疫地图',
  input: input({}),
  run: async (_input, { user }) => withPeople(await mapOf(user), user.enclosureId),
} satisfies Def<'grid', 'map'>;

export async function mapOf(worker: UserDoc) {
  const mine = await gridBuildingIds(worker);
  return mapViewOf(await findAll<BuildingStats>('building_stats', { _id: { $in: mine } }));
}

/** One building, floor by floor, with its isolated units. */
export const building = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以查看防疫地图',
  input: input({ buildingId: id('楼栋') }),
  grid: ({ buildingId }) => buildingId,
  run: ({ buildingId }) => buildingOf(buildingId),
} satisfies Def<'grid', 'building'>;

async function buildingOf(buildingId: string) {
  const stats = await findById<BuildingStats & { countedFrom?: Date }>('building_stats', buildingId);
  if (!stats) throw notFound('该楼栋暂无统计，请稍后再试');
  const { _id: _stored, countedFrom: _read, ...counts } = stats;
  return { ...counts, computedAt: stats.computedAt.toISOString() };
}
