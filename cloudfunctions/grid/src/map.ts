/** 防疫地图 in the grid console: my enclosure's buildings, and one building's floors and units. */
import type { BuildingStats } from '../../../core/map';
import { Checker } from '../../../core/validate';
import { findAll, findById } from '../../../server/db';
import { notFound } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { gridBuildingIds, requireGridOf, requireRole } from '../../../server/users';

/** The buildings of my grids, with their counts: three database operations up to 1000 buildings. */
export async function map(_payload: unknown, caller: Caller) {
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以查看防疫地图');
  const mine = await gridBuildingIds(worker);
  const stats = await findAll<BuildingStats>('building_stats', { _id: { $in: mine } });
  const buildings = stats
    .map(({ byFloor: _floors, ...b }) => ({ ...b, computedAt: b.computedAt.toISOString() }))
    .sort((a, b) => a.buildingId.localeCompare(b.buildingId));
  const totals = buildings.reduce(
    (t, b) => ({
      residents: t.residents + b.residents,
      isolated: t.isolated + b.isolated,
      red: t.red + b.red,
      yellow: t.yellow + b.yellow,
      returned: t.returned + b.returned,
    }),
    { residents: 0, isolated: 0, red: 0, yellow: 0, returned: 0 },
  );
  return { totals, buildings };
}

/** One building, floor by floor, with its isolated units. */
export async function building(payload: Record<string, unknown>, caller: Caller) {
  const check = new Checker();
  const buildingId = check.id('buildingId', payload.buildingId, '楼栋');
  check.done();
  const worker = await requireRole(caller, 'grid_worker', '仅网格员可以查看防疫地图');
  await requireGridOf(worker, buildingId, '该楼栋不在您负责的网格');
  const stats = await findById<BuildingStats>('building_stats', buildingId);
  if (!stats) throw notFound('该楼栋暂无统计，请稍后再试');
  return { ...stats, computedAt: stats.computedAt.toISOString() };
}
