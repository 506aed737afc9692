/** `notices` (通知公告): the scopes one holds, publish to one, one's sent notices, a resident's inbox, open (read once), reads per building. */
import { defineFunction } from '../../../server/action';
import { inbox, open, publish, reads, scopes, sent } from './notices';

export const main = defineFunction('notices', { scopes, publish, sent, inbox, open, reads });
