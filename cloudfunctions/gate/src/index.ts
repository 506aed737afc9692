/** `gate`: grid workers scan passes at their gates, and register and admit visitors. */
import { defineFunction } from '../../../server/action';
import { scan } from './scan';
import { registerVisitor, visitor } from './visitor';

export const main = defineFunction('gate', { scan, visitor, registerVisitor });
