/** Who may act for whom: the one rule behind pass, declaration, check-in, history, appeal and care. */
import fc from 'fast-check';
import { Actor, Subject, refusalToActFor } from '../../core/acting';

const id = fc.constantFrom('r1', 'r2', 'r3', 'r4');
const household = fc.constantFrom('h1', 'h2');
const actor: fc.Arbitrary<Actor> = fc.record({
  residentId: id,
  householdId: household,
  isHead: fc.boolean(),
  verified: fc.boolean(),
});
const subject: fc.Arbitrary<Subject> = fc.record({ residentId: id, householdId: household, hasWechat: fc.boolean() });

test('everyone may act for themselves, with or without WeChat of their own', () => {
  fc.assert(
    fc.property(actor, fc.boolean(), (a, hasWechat) =>
      expect(refusalToActFor(a, { residentId: a.residentId, householdId: a.householdId, hasWechat })).toBeNull(),
    ),
  );
});

test('acting for someone else is allowed exactly for a verified head and a dependant of the same household without WeChat', () => {
  fc.assert(
    fc.property(actor, subject, (a, s) => {
      fc.pre(s.residentId !== a.residentId);
      const allowed = refusalToActFor(a, s) === null;
      expect(allowed).toBe(a.isHead && a.verified && !s.hasWechat && s.householdId === a.householdId);
    }),
  );
});

test('each refusal says why in Chinese', () => {
  const head: Actor = { residentId: 'r1', householdId: 'h1', isHead: true, verified: true };
  expect(refusalToActFor(head, { residentId: 'r2', householdId: 'h2', hasWechat: false })).toContain('本户');
  expect(
    refusalToActFor({ ...head, isHead: false }, { residentId: 'r2', householdId: 'h1', hasWechat: false }),
  ).toContain('户主');
  expect(
    refusalToActFor({ ...head, verified: false }, { residentId: 'r2', householdId: 'h1', hasWechat: false }),
  ).toContain('核实');
  expect(refusalToActFor(head, { residentId: 'r2', householdId: 'h1', hasWechat: true })).toContain('本人');
});
