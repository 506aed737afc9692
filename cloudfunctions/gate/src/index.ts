/**
 * `gate`: grid workers scan passes at their gates; hosts ask for visitors, grid workers decide,
 * gates admit; vehicles are registered and pass with their plate.
 */
import { defineFunction } from '../../../server/action';
import { scan } from './scan';
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
});
