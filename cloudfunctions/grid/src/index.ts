/**
 * `grid` (网格员工作台): the verification queue and the gate log search for a grid worker's own
 * buildings and gates; and `retention`, the daily timer that deletes personal records past the
 * retention period.
 */
import { defineFunction } from '../../../server/action';
import { answerAppeal, appeals } from './appeals';
import { gateLogs, verificationQueue } from './console';
import { exportCsv } from './export';
import { building, map } from './epidemic-map';
import { plan, publicPlan } from './site-plan';
import { nightly, retention } from './retention';
import { todo } from './todo';
import { card, cardHolders, issueCard, revokeCard } from './cards';

export const main = defineFunction(
  'grid',
  {
    map,
    plan,
    publicPlan,
    building,
    verificationQueue,
    gateLogs,
    appeals,
    todo,
    answerAppeal,
    cardHolders,
    issueCard,
    card,
    revokeCard,
    export: exportCsv,
    retention,
    nightly,
  },
  { timer: 'nightly' },
);
