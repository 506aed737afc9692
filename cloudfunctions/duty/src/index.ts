/** `duty` (值守与巡查): gate shifts with 上岗 and 交班, patrol and disinfection rounds, and what was missed. */
import { defineFunction } from '../../../server/action';
import { missed } from './missed';
import { people } from './people';
import { checkRound, endRound, planRound, rounds } from './rounds';
import { cancelShift, handOver, onDuty, planShift, shifts, startShift } from './shifts';

export const main = defineFunction('duty', {
  people,
  planShift,
  cancelShift,
  shifts,
  startShift,
  handOver,
  onDuty,
  planRound,
  endRound,
  rounds,
  checkRound,
  missed,
});
