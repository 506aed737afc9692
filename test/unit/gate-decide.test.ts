/** The gate's verdict with the temperature the guard measured (逢人必测): properties over random facts. */
import fc from 'fast-check';
import { GateFacts, decide } from '../../core/gate';
import { DEFAULT_RULES } from '../../core/rule-config';
import type { Colour, Reason, RuleId } from '../../core/facts';

const at = new Date('2020-02-15T08:00:00+08:00');
const reason = (colour: 'yellow' | 'red', rule: RuleId): Reason => ({
  rule,
  colour,
  text: rule,
  since: new Date(at.getTime() - 3600_000),
  until: null,
});

const facts = fc.record({
  colour: fc.constantFrom<Colour>('green', 'yellow', 'red'),
  medical: fc.boolean(),
  direction: fc.constantFrom<'in' | 'out'>('in', 'out'),
  exits: fc.nat(3),
  yellowExitBefore: fc.boolean(),
  threshold: fc.integer({ min: 370, max: 380 }).map((t) => t / 10),
  temperature: fc.integer({ min: 340, max: 430 }).map((t) => t / 10),
});

type Drawn = typeof facts extends fc.Arbitrary<infer T> ? T : never;

function gateFacts(f: Drawn): GateFacts {
  const rule: RuleId = f.colour === 'red' ? (f.medical ? 'fever' : 'key_area_travel') : 'not_verified';
  return {
    status: {
      colour: f.colour,
      reasons: f.colour === 'green' ? [] : [reason(f.colour as 'yellow' | 'red', rule)],
      until: null,
      ruleVersion: 1,
      computedAt: at,
      reviewAt: null,
    },
    direction: f.direction,
    rules: { ...DEFAULT_RULES, feverThresholdCelsius: f.threshold },
    householdExitsThisPeriod: f.exits,
    lastYellowExitAt: f.yellowExitBefore ? at : null,
    temperature: f.temperature,
  };
}

test('at or above the street’s threshold nobody passes, in or out, whatever the colour', () => {
  fc.assert(
    fc.property(facts, (f) => {
      const verdict = decide(gateFacts(f));
      if (f.temperature >= f.threshold) expect(verdict).toMatchObject({ allowed: false, code: 'fever_at_gate' });
      else expect(verdict.code).not.toBe('fever_at_gate');
    }),
  );
});

test('below the threshold the temperature changes nothing: the verdict is the one at 36.5℃', () => {
  fc.assert(
    fc.property(facts, (f) => {
      fc.pre(f.temperature < f.threshold);
      expect(decide(gateFacts(f))).toEqual(decide(gateFacts({ ...f, temperature: 36.5 })));
    }),
  );
});

test('examples: 37.3℃ at the default threshold is refused, 37.2℃ passes a green resident', () => {
  const green = gateFacts({
    colour: 'green',
    medical: false,
    direction: 'in',
    exits: 0,
    yellowExitBefore: false,
    threshold: DEFAULT_RULES.feverThresholdCelsius,
    temperature: 37.3,
  });
  expect(DEFAULT_RULES.feverThresholdCelsius).toBe(37.3);
  expect(decide(green)).toMatchObject({ allowed: false, code: 'fever_at_gate' });
  expect(decide({ ...green, temperature: 37.2 })).toMatchObject({ allowed: true, code: 'pass' });
});
