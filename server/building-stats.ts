/**
 * The 防疫地图 snapshots (`building_stats`, one per building): refreshed whenever a status in the
 * building is stored, and all recounted by the nightly job (a slice per invocation) (which also catches what time alone
 * changes, such as declarations going stale). Reading the map is then one query per enclosure.
 */
import { BuildingStats, buildingStats } from '../core/building-stats';
import type { StatusDoc } from '../core/status-doc';
import { now as clockNow } from './clock';
import { command } from './cloud';
import { Stored, findAll, findById, findMany, insertOnce, updateWhere } from './db';
import { mapPeople } from './persons';

/** Recounts one building from every one of its statuses (all pages: a building may exceed 1000). */
export async function refreshBuildingStats(buildingId: string, now: Date): Promise<void> {
  const building = await findById<BuildingDoc>('buildings', buildingId);
  if (building) await recount(building, now);
}

type BuildingDoc = { _id: string; enclosureId: string; name: string };

/**
 * Two statuses of one building stored at once each recount it, and the recount that read first
 * may write last: it would put back a map without the other's change (8 declarations in flight
 * did it). So a recount is kept only if it began reading after the stored one did: the last to
 * begin saw every status stored before it. `countedFrom` is the machine's clock (not the business
 * clock tests move), taken before the statuses are read. Two that began in the same millisecond
 * cannot be ordered: the one refused counts again.
 */
async function recount(building: BuildingDoc, asOf: Date): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const countedFrom = new Date();
    const statuses = await findAll<StatusDoc>('statuses', { buildingId: building._id });
    // Counted as of now, not as of the caller's start: a status stored meanwhile by another call
    // (a fever declared a moment later) is already in force, and must be counted so.
    const now = new Date(Math.max(asOf.getTime(), clockNow().getTime()));
    const stats = { ...buildingStats(building, statuses, now), countedFrom };
    // byFloor as a whole: an update would otherwise merge the floors into the stored ones.
    const fields = { ...stats, byFloor: command.set(stats.byFloor), isolatedUnits: command.set(stats.isolatedUnits) };
    const older = command.or(command.lt(countedFrom), command.exists(false));
    if ((await updateWhere('building_stats', { _id: building._id, countedFrom: older }, fields)) > 0) return;
    if (await insertOnce('building_stats', { _id: building._id, ...stats })) return; // the first count
    const kept = await findById<{ countedFrom?: Date }>('building_stats', building._id);
    if (!kept?.countedFrom || kept.countedFrom.getTime() !== countedFrom.getTime()) return; // a later count stays
  }
}

/** Buildings per page of the recount: one read, then a recount of each. */
const RECOUNT_PAGE = 100;

/**
 * Recounts the buildings in `_id` order after `cursor` (all of them from null) until the `deadline`
 * (epoch ms), since a function is killed at its timeout; `saved` keeps the place after each page.
 * Answers true once the last building is recounted. Redoing a building is harmless: a recount
 * counts from the statuses, whatever was stored before.
 */
export async function recountAfter(
  cursor: string | null,
  now: Date,
  deadline: number,
  saved: (last: string, count: number) => Promise<void>,
): Promise<boolean> {
  let last = cursor;
  for (;;) {
    if (Date.now() >= deadline) return false;
    const page = await findMany<BuildingDoc>('buildings', last === null ? {} : { _id: { $gt: last } }, {
      orderBy: ['_id', 'asc'],
      limit: RECOUNT_PAGE,
      fields: { enclosureId: true, name: true },
    });
    let count = 0;
    for (const building of page) {
      if (Date.now() >= deadline) break;
      await recount(building, now); // the building as listed: no second read of it
      last = building._id;
      count++;
    }
    if (count > 0) await saved(last!, count);
    if (count < page.length) return false;
    if (page.length < RECOUNT_PAGE) return true;
  }
}

/**
 * A map view (grid.map, estate.map) with who to call: each building's 联系人 and 包干责任人 and the
 * enclosure's two people (for staff, in full; two more database operations).
 */
export async function withPeople(view: ReturnType<typeof mapViewOf>, enclosureId: string | undefined) {
  const people = await mapPeople(
    enclosureId,
    view.buildings.map((b) => b.buildingId),
  );
  const none = { contact: null, responsible: null };
  return {
    ...view,
    enclosurePeople: people.enclosure,
    buildings: view.buildings.map((b) => ({ ...b, ...(people.buildings.get(b.buildingId) ?? none) })),
  };
}

/** The map of some buildings: each building without its floors, and the totals. */
export function mapViewOf(stats: Stored<BuildingStats & { countedFrom?: Date }>[]) {
  const buildings = stats
    .map(({ byFloor: _floors, _id: _stored, countedFrom: _read, ...b }) => ({
      ...b,
      computedAt: b.computedAt.toISOString(),
    }))
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
