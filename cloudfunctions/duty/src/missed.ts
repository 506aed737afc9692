/** 漏岗与漏巡: the enclosure's shifts nobody started and rounds nobody checked, in the last 7 days. */
import { SHIFT_GRACE_MS, ROUND_GRACE_MS } from '../../../core/duty';
import { DAY_MS } from '../../../core/time';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { findMany } from '../../../server/db';
import { input } from '../../../server/schema';
import { PLANNERS, PLANNER_DENIED, enclosureOf } from './people';
import { roundsIn } from './rounds';
import { ShiftDoc, shiftOf } from './shifts';

const LOOK_BACK_DAYS = 7;

export const missed = {
  who: 'staff',
  role: PLANNERS,
  denied: PLANNER_DENIED,
  input: input({}),
  async run(_input, { user }) {
    const enclosureId = enclosureOf(user);
    const at = now();
    const since = new Date(at.getTime() - LOOK_BACK_DAYS * DAY_MS);
    const [shifts, rounds] = await Promise.all([
      findMany<ShiftDoc>(
        'duty_shifts',
        { enclosureId, startAt: command.gte(since).and(command.lt(new Date(at.getTime() - SHIFT_GRACE_MS))) },
        { orderBy: ['startAt', 'desc'], limit: 500 },
      ),
      roundsIn({ enclosureId }, enclosureId, since, new Date(at.getTime() - ROUND_GRACE_MS), at),
    ]);
    return {
      shifts: shifts.map((s) => shiftOf(s, at, user._id)).filter((s) => s.state === 'missed'),
      rounds: rounds.filter((r) => r.state === 'missed').reverse(),
    };
  },
} satisfies Def<'duty', 'missed'>;
