/**
 * What waits for a grid worker, as counts on 首页's entries: the same queries as the lists they
 * open (待核实, 申诉处理, 隔离名单, 访客审批), so a count never disagrees with the list behind it.
 */
import { OPEN_STATES } from '../../../core/isolation';
import type { GridTodo } from '../../../typings';
import { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { countWhere } from '../../../server/db';
import { input } from '../../../server/schema';
import { gridBuildingIds } from '../../../server/users';
import { queueOf } from './console';

export const todo = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以查看待办',
  input: input({}),
  run: async (_input, { user }): Promise<GridTodo> => {
    const buildingIds = await gridBuildingIds(user);
    const inGrid = { buildingId: { $in: buildingIds } };
    // The waiting order is made over the yellow residents themselves (see queueOf): counted as listed.
    const at = now();
    const openClue = { state: { $in: ['open', 'assigned'] } };
    const [queue, appeals, awaitingDecision, alerts, missed, visits, buildingClues, publicClues] = await Promise.all([
      queueOf(buildingIds, at),
      countWhere('appeals', { ...inGrid, state: 'open' }),
      countWhere('isolation_orders', {
        ...inGrid,
        state: { $in: OPEN_STATES },
        decisionNeeded: { $ne: null },
      }),
      countWhere('alerts', { ...inGrid, resolved: false }),
      countWhere('missed_checkins', { ...inGrid, resolved: false }),
      countWhere('visitor_exceptions', { ...inGrid, state: 'pending', validUntil: { $gt: at } }), // as gate.visits lists them
      // 隐患线索 as clues.queue lists them: the grids' buildings, and the enclosure's public places.
      countWhere('clues', { ...inGrid, ...openClue }),
      user.enclosureId ? countWhere('clues', { enclosureId: user.enclosureId, placeKind: 'public', ...openClue }) : 0,
    ]);
    return {
      toVerify: queue.length,
      appeals,
      roster: awaitingDecision + alerts + missed,
      visits,
      clues: buildingClues + publicClues,
    };
  },
} satisfies Def<'grid', 'todo'>;
