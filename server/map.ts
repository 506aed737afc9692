/**
 * The 防疫地图 snapshots (`building_stats`, one per building): refreshed whenever a status in the
 * building is stored, and all recounted by the nightly job (which also catches what time alone
 * changes, such as declarations going stale). Reading the map is then one query per enclosure.
 */
import { buildingStats } from '../core/map';
import type { StatusDoc } from '../core/status-doc';
import { findById, findMany, replace } from './db';

export async function refreshBuildingStats(buildingId: string, now: Date): Promise<void> {
  const building = await findById<{ enclosureId: string; name: string }>('buildings', buildingId);
  if (!building) return;
  const statuses = await findMany<StatusDoc>('statuses', { buildingId }, { limit: 1000 });
  const { ...stats } = buildingStats(building, statuses, now);
  await replace('building_stats', buildingId, stats);
}

export async function recountAll(now: Date): Promise<number> {
  const buildings = await findMany<{ enclosureId: string }>(
    'buildings',
    {},
    { limit: 1000, fields: { enclosureId: true } },
  );
  for (const b of buildings) await refreshBuildingStats(b._id, now);
  return buildings.length;
}
