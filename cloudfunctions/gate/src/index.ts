/** `gate`: grid workers scan passes at their gates, and register and admit visitors. */
import { currentCaller } from '../../../server/cloud';
import { createMain } from '../../../server/handler';
import { scan } from './scan';
import { registerVisitor, visitor } from './visitor';

export const main = createMain('gate', { scan, visitor, registerVisitor }, currentCaller);
