/**
 * `gate`: grid workers scan passes at their gates; hosts ask for visitors, grid workers decide,
 * gates admit; vehicles are registered and pass with their plate; a guard's phone takes the
 * enclosure's snapshot to judge scans offline, and uploads them when the network returns.
 */
import { defineFunction } from '../../../server/action';
import { scan } from './scan';
import { snapshot } from './snapshot';
import { sync } from './sync';
import { registerVehicle, removeVehicle, vehicle, vehicles } from './vehicles';
import { registerVisitor, visitor } from './visitor';
import { cancelVisit, decideVisit, myVisits, requestVisit, visits } from './visits';

export const main = defineFunction('gate', {
  scan,
  visitor,
  registerVisitor,
  requestVisit,
  myVisits,
  cancelVisit,
  visits,
  decideVisit,
  registerVehicle,
  vehicles,
  removeVehicle,
  vehicle,
  snapshot,
  sync,
});
