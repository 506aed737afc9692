/** The risk rules: examples from DESIGN.md §2, then invariants over random histories (fast-check). */
import fc from 'fast-check';
import { DEFAULT_RULES } from '../../core/rule-config';
import {
  Declaration,
  ResidentFacts,
  TemperatureReading,
  declarationExpiry,
  evaluate,
  statusAt,
  worse,
} from '../../core/rules';
import { DAY_MS, endOfDayAfter } from '../../core/time';

const NOW = new Date('2020-02-15T10:00:00+08:00');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY_MS);
const normal = (at: Date, extra: Partial<Declaration> = {}): Declaration => ({
  at,
  temperature: 36.5,
  symptoms: [],
  trips: [],
  ...extra,
});
const verified = (extra: Partial<ResidentFacts> = {}): ResidentFacts => ({
  registeredAt: daysAgo(30),
  verifiedAt: daysAgo(20),
  declarations: [normal(daysAgo(0.1))],
  readings: [],
  unitOrders: [],
  ...extra,
});

test('a new resident with no declaration is yellow, for both reasons', () => {
  const status = evaluate(
    { registeredAt: daysAgo(0), declarations: [], readings: [], unitOrders: [] },
    DEFAULT_RULES,
    NOW,
  );
  expect(status.colour).toBe('yellow');
  expect(status.reasons.map((r) => r.rule).sort()).toEqual(['declaration_missing', 'not_verified']);
  expect(status.until).toBeNull();
});

test('a verified resident with a fresh normal declaration is green with no reasons', () => {
  const status = evaluate(verified(), DEFAULT_RULES, NOW);
  expect(status).toMatchObject({ colour: 'green', reasons: [], until: null, ruleVersion: 1 });
});

test('a key-area trip left 5 days ago is red until the end of day 14 after leaving, with that reason', () => {
  const left = daysAgo(5);
  const status = evaluate(
    verified({
      declarations: [
        normal(daysAgo(0.1), { trips: [{ place: '武汉', areaCode: '420102', from: daysAgo(9), to: left }] }),
      ],
    }),
    DEFAULT_RULES,
    NOW,
  );
  expect(status.colour).toBe('red');
  expect(status.until).toEqual(endOfDayAfter(left, 14));
  expect(status.reasons[0]).toMatchObject({ rule: 'key_area_travel', text: expect.stringContaining('湖北省武汉市') });
  expect(statusAt(status, new Date(NOW.getTime() + DAY_MS), new Date(status.until!.getTime() - 1)).colour).toBe('red');
});

test('a fever is red with no end date until a doctor clears it; a later normal reading does not clear it', () => {
  const feverish = verified({ declarations: [normal(daysAgo(1), { temperature: 37.8 }), normal(daysAgo(0.1))] });
  const status = evaluate(feverish, DEFAULT_RULES, NOW);
  expect(status).toMatchObject({ colour: 'red', until: null });
  expect(status.reasons[0].text).toContain('37.8℃');
  expect(evaluate({ ...feverish, clearedAt: daysAgo(0.5) }, DEFAULT_RULES, NOW).colour).toBe('green');
});

test('a unit order isolates for its days from its start; an ended order no longer does', () => {
  const order = { id: 'u1', startAt: daysAgo(2), days: 14, reason: '3栋2单元出现确诊病例' };
  expect(evaluate(verified({ unitOrders: [order] }), DEFAULT_RULES, NOW)).toMatchObject({
    colour: 'red',
    until: endOfDayAfter(order.startAt, 14),
  });
  expect(evaluate(verified({ unitOrders: [{ ...order, endedAt: daysAgo(1) }] }), DEFAULT_RULES, NOW).colour).toBe(
    'green',
  );
});

test('a returnee is yellow until verified after their return', () => {
  const facts = verified({ declarations: [normal(daysAgo(0.1), { returnedAt: daysAgo(1) })] });
  expect(evaluate(facts, DEFAULT_RULES, NOW).reasons.map((r) => r.rule)).toEqual(['returnee_unverified']);
  expect(evaluate({ ...facts, verifiedAt: daysAgo(0.5) }, DEFAULT_RULES, NOW).colour).toBe('green');
});

test('a declaration older than its validity turns a stored green status yellow at scan time', () => {
  const status = evaluate(verified(), DEFAULT_RULES, NOW);
  const expires = new Date(daysAgo(0.1).getTime() + 24 * 3600_000);
  expect(statusAt(status, expires, new Date(expires.getTime() - 1)).colour).toBe('green');
  expect(statusAt(status, expires, expires)).toMatchObject({
    colour: 'yellow',
    reasons: [{ rule: 'declaration_stale' }],
  });
});

// ---- invariants over random histories ----
const HOUR = 3600_000;
const arbAt = fc.integer({ min: 0, max: 20 * 24 }).map((h) => new Date(NOW.getTime() - h * HOUR));
const arbTrip = fc
  .record({
    place: fc.constantFrom('武汉', '深圳', '广州', '湖北黄冈'),
    areaCode: fc.constantFrom(undefined, '420100', '440300', '421100'),
    days: fc.integer({ min: 0, max: 5 }),
    left: arbAt,
  })
  .map(({ place, areaCode, days, left }) => ({
    place,
    ...(areaCode ? { areaCode } : {}),
    from: new Date(left.getTime() - days * DAY_MS),
    to: left,
  }));
const arbDeclaration = fc.record({
  at: arbAt,
  temperature: fc.constantFrom(36.2, 36.8, 37.2, 37.3, 38.5),
  symptoms: fc.constantFrom<string[][]>([], ['咳嗽']),
  trips: fc.array(arbTrip, { maxLength: 2 }),
  returnedAt: fc.option(arbAt, { nil: undefined }),
  contactAt: fc.option(arbAt, { nil: undefined }),
});
const arbFacts = fc.record({
  registeredAt: fc.constant(daysAgo(40)),
  verifiedAt: fc.option(arbAt, { nil: undefined }),
  declarations: fc.array(arbDeclaration, { maxLength: 4 }),
  readings: fc.constant<TemperatureReading[]>([]),
  unitOrders: fc.array(
    fc.record({ id: fc.constant('o'), startAt: arbAt, days: fc.constant(14), reason: fc.constant('确诊') }),
    { maxLength: 1 },
  ),
  clearedAt: fc.option(arbAt, { nil: undefined }),
});

test('property: a later normal report never shortens an isolation', () => {
  fc.assert(
    fc.property(arbFacts, (facts) => {
      const before = evaluate(facts, DEFAULT_RULES, NOW);
      const after = evaluate({ ...facts, declarations: [...facts.declarations, normal(NOW)] }, DEFAULT_RULES, NOW);
      if (before.colour === 'red') {
        expect(after.colour).toBe('red');
        if (before.until === null) expect(after.until).toBeNull();
        else expect(after.until === null || after.until >= before.until).toBe(true);
      }
    }),
  );
});

test('property: adding a key-area trip never turns red into green, and makes the status red', () => {
  fc.assert(
    fc.property(arbFacts, fc.integer({ min: 0, max: 13 }), (facts, daysSince) => {
      const before = evaluate(facts, DEFAULT_RULES, NOW);
      const trip = { place: '武汉', areaCode: '420100', from: daysAgo(daysSince + 2), to: daysAgo(daysSince) };
      const after = evaluate(
        { ...facts, declarations: [...facts.declarations, normal(daysAgo(0), { trips: [trip] })] },
        DEFAULT_RULES,
        NOW,
      );
      // Red whatever it was before: so never red → green, and never any weaker.
      expect(after.colour).toBe('red');
      if (before.colour === 'red' && before.until)
        expect(after.until === null || after.until >= before.until).toBe(true);
    }),
  );
});

test('property: the colour is the worst reason, green exactly when there is none, and red has an end or none', () => {
  fc.assert(
    fc.property(arbFacts, (facts) => {
      const status = evaluate(facts, DEFAULT_RULES, NOW);
      expect(status.colour).toBe(
        status.reasons.reduce<'green' | 'yellow' | 'red'>((c, r) => worse(c, r.colour), 'green'),
      );
      expect(status.colour === 'green').toBe(status.reasons.length === 0);
      if (status.until) expect(status.until.getTime()).toBeGreaterThan(NOW.getTime());
      for (const reason of status.reasons) expect(reason.text.length).toBeGreaterThan(0);
    }),
  );
});

test('property: seen later, a stored status only loses reasons that ended (plus an expired declaration)', () => {
  fc.assert(
    fc.property(arbFacts, fc.integer({ min: 0, max: 30 * 24 }), (facts, hoursLater) => {
      const status = evaluate(facts, DEFAULT_RULES, NOW);
      const later = new Date(NOW.getTime() + hoursLater * HOUR);
      const seen = statusAt(status, declarationExpiry(facts, DEFAULT_RULES), later);
      for (const reason of seen.reasons) {
        if (reason.rule !== 'declaration_stale') expect(status.reasons).toContainEqual(reason);
      }
      for (const reason of status.reasons) {
        if (reason.until === null || reason.until > later) expect(seen.reasons).toContainEqual(reason);
      }
    }),
  );
});

test('an accepted appeal overrides the colour with its reason until its end; then the status must be recomputed', () => {
  const feverish = verified({ declarations: [normal(daysAgo(1), { temperature: 38.2 })] });
  const until = new Date(NOW.getTime() + 2 * DAY_MS);
  const override = { colour: 'green' as const, reason: '体温计故障，复测 36.5℃', at: daysAgo(0.5), until };
  const status = evaluate({ ...feverish, override }, DEFAULT_RULES, NOW);
  expect(status).toMatchObject({ colour: 'green', reasons: [], overrideUntil: until });
  expect(statusAt(status, null, new Date(until.getTime() - 1)).colour).toBe('green');
  expect(statusAt(status, null, until)).toMatchObject({ colour: 'yellow', reasons: [{ rule: 'manual_override' }] });
  expect(evaluate({ ...feverish, override: { ...override, colour: 'red' } }, DEFAULT_RULES, NOW).reasons[0].text).toBe(
    '网格员复核：体温计故障，复测 36.5℃',
  );
  expect(evaluate({ ...feverish, override: { ...override, until: daysAgo(0.1) } }, DEFAULT_RULES, NOW).colour).toBe(
    'red',
  );
});
