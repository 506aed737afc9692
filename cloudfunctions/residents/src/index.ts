/** `residents`: registration, household, self-report, pass, verification. Thin: checks, then core. */
import { defineFunction } from '../../../server/action';
import { appeal, history } from './appeal';
import { claim } from './claim';
import { directory } from './directory';
import { registerAtDoor } from './door';
import { addDependant, register } from './register';
import { me } from './me';
import { acceptMember } from './members';
import { pass } from './pass';
import { report } from './report';
import { verify } from './verify';

export const main = defineFunction('residents', {
  me,
  directory,
  register,
  claim,
  addDependant,
  registerAtDoor,
  acceptMember,
  report,
  pass,
  verify,
  appeal,
  history,
});
