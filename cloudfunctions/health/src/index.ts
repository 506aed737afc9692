/**
 * `health` (健康随访): the medic's desk, medical clearance, nucleic-acid samples and results, and
 * health-station stays. Every action is the medic's, for residents of their own enclosure.
 */
import { defineFunction } from '../../../server/action';
import { clear } from './clear';
import { planVisit, recordVisit, visits } from './followups';
import { desk } from './desk';
import { results, sample } from './samples';
import { returnHome, stationIn, stationOut, transfer } from './station';

export const main = defineFunction('health', {
  desk,
  clear,
  sample,
  results,
  stationIn,
  stationOut,
  transfer,
  returnHome,
  planVisit,
  recordVisit,
  visits,
});
