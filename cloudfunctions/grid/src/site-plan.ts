/**
 * 防疫地图 as a picture: the enclosure's buildings on its site plan, each coloured by its state,
 * with the counts and 有事找谁 for staff; for residents the same plan with counts only (no one
 * named, no number under five) to read on the phone or print at the gate. Four reads whatever
 * the number of residents: the enclosure, its buildings, their snapshots, and (staff) the people.
 */
import type { BuildingStats } from '../../../core/building-stats';
import { buildingTone, positionsOf, publicColumn, type PlanPosition } from '../../../core/site-plan';
import type { Def } from '../../../server/action';
import { Stored, findAll, findById } from '../../../server/db';
import { AppError, denied } from '../../../server/errors';
import { type WithPersons, peopleOf } from '../../../server/persons';
import { input } from '../../../server/schema';
import { UserDoc, gridBuildingIds, hasRole } from '../../../server/users';

interface PlanBuildingDoc extends WithPersons {
  name: string;
  units?: number;
  floors?: number;
  plan?: PlanPosition | null;
  retiredAt?: Date;
}
type Snapshot = Omit<BuildingStats, 'byFloor'>;

/** The enclosure's live buildings in plan order, each with its snapshot (zeros before the first count). */
async function enclosurePlan(enclosureId: string) {
  const [enclosure, buildings, stats] = await Promise.all([
    findById<{ name: string } & WithPersons>('enclosures', enclosureId),
    findAll<PlanBuildingDoc>(
      'buildings',
      { enclosureId },
      {
        fields: {
          name: true,
          units: true,
          floors: true,
          plan: true,
          retiredAt: true,
          contact: true,
          responsible: true,
        },
        max: 2_000,
      },
    ),
    findAll<Snapshot>(
      'building_stats',
      { enclosureId },
      {
        // Not the floors: a picture of the enclosure needs each building's totals only.
        fields: {
          buildingName: true,
          residents: true,
          isolated: true,
          returned: true,
          red: true,
          yellow: true,
          isolatedUnits: true,
          computedAt: true,
        },
        max: 2_000,
      },
    ),
  ]);
  const statsOf = new Map(stats.map((s) => [s._id, s]));
  // A building not in the register yet (counted, but never saved) still shows, by its snapshot's name.
  const listed: Stored<PlanBuildingDoc>[] = [
    ...buildings.filter((b) => !b.retiredAt),
    ...stats.filter((s) => !buildings.some((b) => b._id === s._id)).map((s) => ({ _id: s._id, name: s.buildingName })),
  ].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
  const positions = positionsOf(listed.map((b) => ({ id: b._id, plan: b.plan })));
  const computedAt = stats.reduce<Date | null>((t, s) => (!t || s.computedAt < t ? s.computedAt : t), null);
  return {
    enclosure,
    computedAt: computedAt?.toISOString() ?? null,
    rows: listed.map((b) => {
      const s = statsOf.get(b._id);
      const counts = {
        residents: s?.residents ?? 0,
        isolated: s?.isolated ?? 0,
        returned: s?.returned ?? 0,
        red: s?.red ?? 0,
        yellow: s?.yellow ?? 0,
        isolatedUnits: s?.isolatedUnits ?? [],
      };
      return { doc: b, position: positions.get(b._id)!, counts };
    }),
  };
}

export const plan = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以查看防疫地图',
  input: input({}),
  async run(_input, { user }) {
    if (!user.enclosureId) throw denied('您尚未分配到围合区');
    const [{ enclosure, computedAt, rows }, mine] = await Promise.all([
      enclosurePlan(user.enclosureId),
      gridBuildingIds(user),
    ]);
    const buildings = rows.map(({ doc, position, counts }) => ({
      id: doc._id,
      name: doc.name,
      position,
      tone: buildingTone(counts),
      units: doc.units ?? 0,
      floors: doc.floors ?? 0,
      ...counts,
      mine: mine.includes(doc._id),
      ...peopleOf(doc),
    }));
    const sum = (key: 'residents' | 'isolated' | 'returned' | 'red' | 'yellow') =>
      buildings.reduce((n, b) => n + b[key], 0);
    return {
      enclosureName: enclosure?.name ?? '',
      computedAt,
      buildings,
      totals: {
        residents: sum('residents'),
        isolated: sum('isolated'),
        returned: sum('returned'),
        red: sum('red'),
        yellow: sum('yellow'),
      },
      enclosurePeople: peopleOf(enclosure),
    };
  },
} satisfies Def<'grid', 'plan'>;

/** The enclosure a caller's residents' map is of: where they work (staff, to print it) or live. */
function enclosureFor(user: UserDoc | null): string {
  const enclosureId = hasRole(user, ['grid_worker', 'volunteer', 'medic', 'organiser'])
    ? user?.enclosureId
    : user?.homeEnclosureId;
  if (!enclosureId) throw new AppError('FAILED_PRECONDITION', '请先完成住户登记');
  return enclosureId;
}

export const publicPlan = {
  who: 'anyone',
  input: input({}),
  async run(_input, ctx) {
    const { enclosure, computedAt, rows } = await enclosurePlan(enclosureFor(await ctx.user()));
    const columns = {
      residents: publicColumn(rows.map((r) => r.counts.residents)),
      returned: publicColumn(rows.map((r) => r.counts.returned)),
      isolated: publicColumn(rows.map((r) => r.counts.isolated)),
    };
    return {
      enclosureName: enclosure?.name ?? '',
      computedAt,
      buildings: rows.map(({ doc, position, counts }, i) => ({
        id: doc._id,
        name: doc.name,
        position,
        sealed: counts.isolatedUnits.length > 0,
        sealedUnits: counts.isolatedUnits.length,
        residents: columns.residents.cells[i],
        returned: columns.returned.cells[i],
        isolated: columns.isolated.cells[i],
      })),
      totals: {
        residents: columns.residents.total,
        returned: columns.returned.total,
        isolated: columns.isolated.total,
      },
      contact: enclosure?.contact ? { name: enclosure.contact.name, phone: enclosure.contact.phoneMasked } : null,
    };
  },
} satisfies Def<'grid', 'publicPlan'>;
