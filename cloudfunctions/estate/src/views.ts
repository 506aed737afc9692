/**
 * What the console shows: the street's 社区 with their enclosures and how much each holds (five
 * reads, however many enclosures), and one enclosure with its buildings, gates and grids.
 */
import type { RoomScheme } from '../../../core/estate';
import type { CommunitySummary, EnclosureDetail, EnclosureSummary, EstateTree } from '../../../typings';
import { Def } from '../../../server/action';
import { command } from '../../../server/cloud';
import { Stored, aggregate, findAll, findById } from '../../../server/db';
import { id, input } from '../../../server/schema';
import { UserDoc, hasRole } from '../../../server/users';
import { WithPersons, peopleOf } from '../../../server/persons';
import { CommunityDoc, EnclosureDoc, enclosureInScope } from './scope';

const ADMINS = ['admin', 'community_admin'] as const;
const DENIED = '仅街道或社区管理员可以管理围合区';

export const tree = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({}),
  run: (_input, { user }) => treeFor(user),
} satisfies Def<'estate', 'tree'>;

export const enclosure = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({ enclosureId: id('围合区') }),
  run: ({ enclosureId }, { user }) => detailOf(user, enclosureId),
} satisfies Def<'estate', 'enclosure'>;

/** Live buildings, gates and grids per enclosure: one grouped read per collection. */
async function liveCounts(collection: string, enclosureIds: string[] | null): Promise<Map<string, number>> {
  const { list } = await aggregate(collection)
    .match({ retiredAt: command.exists(false), ...(enclosureIds ? { enclosureId: command.in(enclosureIds) } : {}) })
    .group({ _id: '$enclosureId', n: { $sum: 1 } })
    // Without a limit an aggregate answers 20 rows (CloudBase's default): one per enclosure is needed.
    .limit(10_000)
    .end();
  return new Map((list as { _id: string; n: number }[]).map((row) => [row._id, row.n]));
}

function summaryOf(e: Stored<EnclosureDoc>, counts: Map<string, number>[] = []): EnclosureSummary {
  const [buildings, gates, grids] = counts.map((c) => c.get(e._id) ?? 0);
  return {
    id: e._id,
    name: e.name,
    type: e.type ?? 'estate',
    address: e.address ?? '',
    retired: !!e.retiredAt,
    buildings: buildings ?? 0,
    gates: gates ?? 0,
    grids: grids ?? 0,
  };
}

async function treeFor(user: Stored<UserDoc>): Promise<EstateTree> {
  const street = hasRole(user, 'admin');
  const scope = street ? {} : { communityId: user.communityId ?? '' };
  const [communities, enclosures] = await Promise.all([
    street
      ? findAll<CommunityDoc>('communities', {})
      : findById<CommunityDoc>('communities', user.communityId ?? '').then((c) => (c ? [c] : [])),
    findAll<EnclosureDoc>('enclosures', scope),
  ]);
  const ids = street ? null : enclosures.map((e) => e._id);
  const counts = await Promise.all(['buildings', 'gates', 'grids'].map((c) => liveCounts(c, ids)));
  const byCommunity = (communityId: string) =>
    enclosures.filter((e) => e.communityId === communityId).map((e) => summaryOf(e, counts));
  const listed: CommunitySummary[] = communities.map((c) => ({
    id: c._id,
    name: c.name,
    retired: !!c.retiredAt,
    enclosures: byCommunity(c._id),
  }));
  return { communities: listed };
}

interface Placed {
  enclosureId: string;
  name: string;
  retiredAt?: Date;
}

async function detailOf(user: Stored<UserDoc>, enclosureId: string): Promise<EnclosureDetail> {
  const found = (await enclosureInScope(user, enclosureId)) as Stored<EnclosureDoc & WithPersons>;
  const [buildings, gates, grids] = await Promise.all([
    findAll<Placed & WithPersons & { units: number; floors: number; roomScheme?: RoomScheme }>('buildings', {
      enclosureId,
    }),
    findAll<Placed & { vehicles?: boolean }>('gates', { enclosureId }),
    findAll<Placed & { buildingIds: string[] }>('grids', { enclosureId }),
  ]);
  const placed = (p: Stored<Placed>) => ({ id: p._id, enclosureId, name: p.name, retired: !!p.retiredAt });
  return {
    enclosure: {
      ...summaryOf(found),
      communityId: found.communityId ?? '',
      ...liveOf(buildings, gates, grids),
      ...peopleOf(found),
    },
    buildings: buildings.map((b) => ({
      ...placed(b),
      units: b.units,
      floors: b.floors,
      roomScheme: b.roomScheme ?? 'numbered',
      ...peopleOf(b),
    })),
    gates: gates.map((g) => ({ ...placed(g), vehicles: !!g.vehicles })),
    grids: grids.map((g) => ({ ...placed(g), buildingIds: g.buildingIds })),
  };
}

function liveOf(...groups: { retiredAt?: Date }[][]) {
  const [buildings, gates, grids] = groups.map((g) => g.filter((x) => !x.retiredAt).length);
  return { buildings, gates, grids };
}
