/**
 * `quarantine` (居家隔离): residents check in twice a day; grid workers isolate a building unit,
 * see who missed a check-in and decide on isolations that could not end by themselves; the timer
 * (`tick`, each quarter-hour in slices fired every minute) releases finished isolations and records missed check-ins.
 */
import { defineFunction } from '../../../server/action';
import { checkin, mine, subscribe } from './checkin';
import { callResident } from './call-resident';
import { decide, isolateUnit, roster } from './worker-console';
import { tick } from './tick';

export const main = defineFunction(
  'quarantine',
  { mine, checkin, subscribe, isolateUnit, roster, decide, callResident, tick },
  { timer: 'tick' },
);
