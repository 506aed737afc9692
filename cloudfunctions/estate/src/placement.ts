/**
 * 平面图标注: where each building of an enclosure stands on its site plan, in percent of the
 * plan's width and height, as the street or 社区 admin places them; a building never placed keeps
 * its place in the automatic rows (core/site-plan.ts).
 */
import { type PlanPosition, positionsOf } from '../../../core/site-plan';
import type { Def } from '../../../server/action';
import { findAll, updateById } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { id, input, list, num } from '../../../server/schema';
import { enclosureInScope } from './scope';

const ADMINS = ['admin', 'community_admin'] as const;
const DENIED = '仅街道或社区管理员可以标注平面图';
/** Moves saved in one call: each is a write, and the function has 5 seconds. */
const MOVES_MAX = 100;

interface PlacedBuilding {
  name: string;
  plan?: PlanPosition | null;
  retiredAt?: Date;
}

async function buildingsOf(enclosureId: string) {
  const buildings = await findAll<PlacedBuilding>(
    'buildings',
    { enclosureId },
    { fields: { name: true, plan: true, retiredAt: true }, max: 2_000 },
  );
  return buildings.filter((b) => !b.retiredAt).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
}

export const placement = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({ enclosureId: id('围合区') }),
  async run({ enclosureId }, { user }) {
    const enclosure = await enclosureInScope(user, enclosureId);
    const buildings = await buildingsOf(enclosureId);
    const positions = positionsOf(buildings.map((b) => ({ id: b._id, plan: b.plan })));
    return {
      enclosureName: enclosure.name,
      buildings: buildings.map((b) => ({ id: b._id, name: b.name, position: positions.get(b._id)!, placed: !!b.plan })),
    };
  },
} satisfies Def<'estate', 'placement'>;

const coordinate = (label: string) => num(label, 0, 100);

export const place = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({
    enclosureId: id('围合区'),
    positions: list(
      '位置',
      input({ buildingId: id('楼栋'), x: coordinate('横向位置'), y: coordinate('纵向位置') }),
      MOVES_MAX,
    ),
  }),
  async run({ enclosureId, positions }, { user }) {
    const enclosure = await enclosureInScope(user, enclosureId);
    if (enclosure.retiredAt) throw new AppError('FAILED_PRECONDITION', '该围合区已停用');
    const ours = new Set((await buildingsOf(enclosureId)).map((b) => b._id));
    const stranger = positions.find((p) => !ours.has(p.buildingId));
    if (stranger) throw new AppError('INVALID_ARGUMENT', '只能标注本围合区的楼栋', 'positions');
    // Setting a place is the same however often it is sent: no request id needed.
    for (let i = 0; i < positions.length; i += 20)
      await Promise.all(
        positions.slice(i, i + 20).map((p) =>
          updateById('buildings', p.buildingId, {
            plan: { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 },
          }),
        ),
      );
    return { placed: positions.length };
  },
} satisfies Def<'estate', 'place'>;
