/**
 * 街道总览 and any enclosure's 防疫地图 for the street and community admins. Both read the
 * per-building snapshots the map already keeps (building_stats), so the cost does not grow with
 * residents: the overview is one grouped read plus the enclosure and 社区 lists.
 */
import type { BuildingStats } from '../../../core/building-stats';
import type { EnclosureTally, Tally } from '../../../typings';
import { Def } from '../../../server/action';
import { mapViewOf, withPeople } from '../../../server/building-stats';
import { command } from '../../../server/cloud';
import { Stored, aggregate, findAll } from '../../../server/db';
import { id, input } from '../../../server/schema';
import { UserDoc, hasRole } from '../../../server/users';
import { CommunityDoc, EnclosureDoc, enclosureInScope } from './scope';

const ADMINS = ['admin', 'community_admin'] as const;
const DENIED = '仅街道或社区管理员可以查看街道总览';
const FIELDS = ['residents', 'returned', 'isolated', 'red', 'yellow', 'declarationMissing'] as const;
const zero = (): Tally => ({ residents: 0, returned: 0, isolated: 0, red: 0, yellow: 0, declarationMissing: 0 });

export const overview = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({}),
  run: (_input, { user }) => overviewFor(user),
} satisfies Def<'estate', 'overview'>;

async function overviewFor(user: Stored<UserDoc>) {
  const street = hasRole(user, 'admin');
  const [enclosures, communities] = await Promise.all([
    findAll<EnclosureDoc>('enclosures', street ? {} : { communityId: user.communityId ?? '' }),
    findAll<CommunityDoc>('communities', street ? {} : { _id: user.communityId ?? '' }),
  ]);
  const ids = enclosures.map((e) => e._id);
  const { list } = ids.length
    ? await aggregate('building_stats')
        .match(street ? {} : { enclosureId: command.in(ids) })
        .group({ _id: '$enclosureId', ...Object.fromEntries(FIELDS.map((f) => [f, { $sum: `$${f}` }])) })
        .limit(10_000) // an aggregate answers 20 rows unless told otherwise
        .end()
    : { list: [] };
  const sums = new Map((list as (Tally & { _id: string })[]).map(({ _id, ...t }) => [_id, t]));
  const communityName = new Map(communities.map((c) => [c._id, c.name]));
  const rows: EnclosureTally[] = enclosures.map((e) => ({
    enclosureId: e._id,
    name: e.name,
    communityName: (e.communityId && communityName.get(e.communityId)) || e.community || '',
    retired: !!e.retiredAt,
    ...zero(),
    ...pick(sums.get(e._id)),
  }));
  const totals = rows.reduce((t, r) => {
    for (const f of FIELDS) t[f] += r[f];
    return t;
  }, zero());
  return { enclosures: rows, totals };
}

const pick = (t: Tally | undefined): Partial<Tally> => (t ? Object.fromEntries(FIELDS.map((f) => [f, t[f] ?? 0])) : {});

export const map = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({ enclosureId: id('围合区') }),
  async run({ enclosureId }, { user }) {
    const enclosure = await enclosureInScope(user, enclosureId);
    const stats = await findAll<BuildingStats>('building_stats', { enclosureId });
    return { enclosureName: enclosure.name, ...(await withPeople(mapViewOf(stats), enclosureId)) };
  },
} satisfies Def<'estate', 'map'>;
