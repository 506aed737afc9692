/** `notices` (通知公告): publish to a scope, a resident's inbox, open (read once), reads per building. */
import { defineFunction } from '../../../server/action';
import { inbox, open, publish, reads } from './notices';

export const main = defineFunction('notices', { publish, inbox, open, reads });
