/**
 * `care` (关爱服务): help for isolated households (requests.ts) and for 关爱对象, the vulnerable
 * who are not isolated (subjects.ts: registered with a visit or call plan; contacts.ts: each visit
 * or call logged, a missed one escalated). One volunteer per household serves both (assignment.ts).
 */
import { defineFunction } from '../../../server/action';
import { logContact } from './contacts';
import { contact, request, step, tasks } from './requests';
import { enrol, flat, subjects, unenrol } from './subjects';

export const main = defineFunction('care', {
  contact,
  request,
  tasks,
  accept: step('open', 'accepted'),
  complete: step('accepted', 'done'),
  enrol,
  unenrol,
  subjects,
  flat,
  logContact,
});
