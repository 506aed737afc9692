/** `notices` (通知公告): the scopes one holds, publish to one, one's sent notices, a resident's inbox, open (read once), reads per building; urgent ones as subscribe messages (the `push` timer, every minute). */
import { defineFunction } from '../../../server/action';
import { inbox, open, publish, reads, scopes, sent } from './notices';
import { push, subscribe } from './push';

export const main = defineFunction(
  'notices',
  { scopes, publish, sent, inbox, open, reads, subscribe, push },
  { timer: 'push' },
);
