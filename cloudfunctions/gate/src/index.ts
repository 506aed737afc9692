/** `gate`: grid workers scan passes at their gates. */
import { currentCaller } from '../../../server/cloud';
import { createMain } from '../../../server/handler';
import { scan } from './scan';

export const main = createMain('gate', { scan }, currentCaller);
