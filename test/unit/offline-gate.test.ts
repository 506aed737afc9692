/**
 * The gate's verdict offline, on the guard's phone: never kinder than the cloud. Property tests
 * over any snapshot, token, temperature and moment, and the household race on one phone.
 */
import fc from 'fast-check';
import { outingPeriod } from '../../core/gate';
import { cstDayNumber } from '../../core/time';
import {
  GateSnapshot,
  OfflineLedger,
  SNAPSHOT_MAX_AGE_MS,
  SnapshotEntry,
  decideOffline,
  outingPeriodKey,
  reconcile,
  recordOffline,
} from '../../miniprogram/shared/offline-gate';
import type { SignedCheck } from '../../miniprogram/shared/signed-pass';

const TAKEN = new Date('2020-02-20T08:00:00+08:00').getTime();
const EMPTY: OfflineLedger = { exits: {}, yellowOut: [] };
const entry = (e: Partial<SnapshotEntry> = {}): SnapshotEntry => ({
  colour: 'green',
  householdId: 'h1',
  maskedName: '王*',
  buildingUnit: '1栋1单元',
  ...e,
});
const snapshotOf = (residents: Record<string, SnapshotEntry>, s: Partial<GateSnapshot> = {}): GateSnapshot => ({
  enclosureId: 'enc-a',
  takenAt: TAKEN,
  quota: { exits: 1, periodDays: 2, periodKey: outingPeriodKey(TAKEN, 2) },
  exits: {},
  residents,
  feverThreshold: 37.3,
  ...s,
});
const okCheck = (residentId = 'r1', householdId = 'h1', enclosureId = 'enc-a'): SignedCheck => ({
  ok: true,
  residentId,
  householdId,
  enclosureId,
  expiresAt: new Date(TAKEN + 60_000),
});

const anyEntry = fc.record({
  colour: fc.constantFrom('green', 'yellow', 'red' as const),
  medical: fc.boolean(),
  greenUntil: fc.option(fc.integer({ min: TAKEN - 3600_000, max: TAKEN + 13 * 3600_000 })),
  yellowUsed: fc.boolean(),
  householdId: fc.constantFrom('h1', 'h2'),
  maskedName: fc.constant('王*'),
  buildingUnit: fc.constant('1栋1单元'),
});
const anyCheck: fc.Arbitrary<SignedCheck> = fc.oneof(
  fc.record({
    ok: fc.constant(true as const),
    residentId: fc.constantFrom('r1', 'r2', 'r3'),
    householdId: fc.constantFrom('h1', 'h2'),
    enclosureId: fc.constantFrom('enc-a', 'enc-b'),
    expiresAt: fc.constant(new Date(TAKEN)),
  }),
  fc.record({
    ok: fc.constant(false as const),
    reason: fc.constantFrom('malformed', 'bad_signature', 'expired', 'not_yet_valid' as const),
  }),
);
const scene = fc.record({
  check: anyCheck,
  residents: fc.dictionary(fc.constantFrom('r1', 'r2', 'r3'), anyEntry),
  exits: fc.dictionary(fc.constantFrom('h1', 'h2'), fc.nat(3)),
  ledgerExits: fc.nat(2),
  direction: fc.constantFrom('in', 'out' as const),
  temperature: fc.double({ min: 35, max: 40, noNaN: true }),
  after: fc.integer({ min: -120_000, max: 14 * 3600_000 }),
});

test('whatever the scene, offline lets through only a valid pass of a snapshot resident not red, without fever, within the quota', () => {
  fc.assert(
    fc.property(scene, (s) => {
      const snapshot = snapshotOf(s.residents, { exits: s.exits });
      const at = TAKEN + s.after;
      const key = outingPeriodKey(at, 2);
      const ledger: OfflineLedger = { exits: { [`${key}:h1`]: s.ledgerExits }, yellowOut: [] };
      const d = decideOffline({
        check: s.check,
        snapshot,
        ledger,
        direction: s.direction,
        temperature: s.temperature,
        at,
      });
      if (!d.allowed) return;
      expect(s.check.ok).toBe(true);
      if (!s.check.ok) return;
      const e = s.residents[s.check.residentId];
      expect(e).toBeDefined();
      expect(e.colour).not.toBe('red');
      expect(e.householdId).toBe(s.check.householdId);
      expect(s.check.enclosureId).toBe('enc-a');
      expect(s.temperature).toBeLessThan(37.3);
      expect(s.after).toBeLessThanOrEqual(SNAPSHOT_MAX_AGE_MS);
      if (s.direction === 'out') {
        const cloud = key === snapshot.quota.periodKey ? (s.exits[e.householdId] ?? 0) : 0;
        const phone = e.householdId === 'h1' ? s.ledgerExits : 0;
        expect(cloud + phone).toBeLessThan(1);
      }
      // A green whose declaration ran out is yellow, as the cloud would say.
      if (e.colour === 'green' && typeof e.greenUntil === 'number' && at >= e.greenUntil)
        expect(d.code).toBe('pass_verify_on_spot');
    }),
    { numRuns: 3000 }, // few scenes reach a pass at all: many, so each way through is tried
  );
});

test('a pass that fails its check is refused offline as online: expired, or invalid', () => {
  const snapshot = snapshotOf({ r1: entry() });
  const decide = (check: SignedCheck) =>
    decideOffline({ check, snapshot, ledger: EMPTY, direction: 'in', temperature: 36.5, at: TAKEN }).code;
  expect(decide({ ok: false, reason: 'expired' })).toBe('token_expired');
  expect(decide({ ok: false, reason: 'bad_signature' })).toBe('token_invalid');
  expect(decide({ ok: false, reason: 'malformed' })).toBe('token_invalid');
  expect(decide(okCheck('r1', 'h1', 'enc-b'))).toBe('foreign_resident');
  expect(decide(okCheck('r9'))).toBe('unknown_resident');
  expect(decide(okCheck('r1', 'h2'))).toBe('unknown_resident'); // a token naming another household
});

test('red is never let through offline, and says which way to send them', () => {
  const snapshot = snapshotOf({ r1: entry({ colour: 'red' }), r2: entry({ colour: 'red', medical: true }) });
  const at = TAKEN + 60_000;
  for (const direction of ['in', 'out'] as const) {
    const d1 = decideOffline({ check: okCheck('r1'), snapshot, ledger: EMPTY, direction, temperature: 36.5, at });
    const d2 = decideOffline({ check: okCheck('r2'), snapshot, ledger: EMPTY, direction, temperature: 36.5, at });
    expect([d1.allowed, d1.code]).toEqual([false, 'red_isolation']);
    expect([d2.allowed, d2.code]).toEqual([false, 'red_fever']);
  }
});

test('two of one household racing for the last exit on one phone: the first goes out, the second is refused', () => {
  const snapshot = snapshotOf({ r1: entry(), r2: entry() });
  const at = TAKEN + 60_000;
  const first = decideOffline({
    check: okCheck('r1'),
    snapshot,
    ledger: EMPTY,
    direction: 'out',
    temperature: 36.5,
    at,
  });
  expect(first.allowed).toBe(true);
  const ledger = recordOffline(EMPTY, first, { residentId: 'r1', direction: 'out', at, periodDays: 2 });
  const second = decideOffline({ check: okCheck('r2'), snapshot, ledger, direction: 'out', temperature: 36.5, at });
  expect([second.allowed, second.code]).toEqual([false, 'quota_used']);
  // Coming home is never refused for the quota.
  expect(
    decideOffline({ check: okCheck('r2'), snapshot, ledger, direction: 'in', temperature: 36.5, at }).allowed,
  ).toBe(true);
});

test('yellow goes out once offline, as online; a snapshot 12 hours old admits no one', () => {
  const snapshot = snapshotOf(
    { r1: entry({ colour: 'yellow' }) },
    { quota: { exits: 5, periodDays: 2, periodKey: outingPeriodKey(TAKEN, 2) } },
  );
  const at = TAKEN + 60_000;
  const once = decideOffline({
    check: okCheck('r1'),
    snapshot,
    ledger: EMPTY,
    direction: 'out',
    temperature: 36.5,
    at,
  });
  expect(once).toMatchObject({ allowed: true, code: 'pass_verify_on_spot' });
  const ledger = recordOffline(EMPTY, once, { residentId: 'r1', direction: 'out', at, periodDays: 2 });
  expect(decideOffline({ check: okCheck('r1'), snapshot, ledger, direction: 'out', temperature: 36.5, at }).code).toBe(
    'yellow_already_used',
  );
  const late = TAKEN + SNAPSHOT_MAX_AGE_MS + 1;
  expect(
    decideOffline({ check: okCheck('r1'), snapshot, ledger: EMPTY, direction: 'in', temperature: 36.5, at: late }).code,
  ).toBe('offline_stale');
});

test('the quota period offline is the one the cloud counts in', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 7 }), (at, days) => {
      // The phone's arithmetic against core/time's China day numbering, and the period it names contains the moment.
      expect(outingPeriodKey(at, days)).toBe(Math.floor(cstDayNumber(new Date(at)) / days));
      const period = outingPeriod(new Date(at), days);
      expect(period.key).toBe(outingPeriodKey(at, days));
      expect(period.start.getTime()).toBeLessThanOrEqual(at);
      expect(at).toBeLessThan(period.start.getTime() + days * 24 * 3600_000);
    }),
  );
});

test('when an offline verdict meets the cloud, the refusal stands and any difference is flagged', () => {
  fc.assert(
    fc.property(fc.boolean(), fc.boolean(), (offline, cloud) => {
      const r = reconcile({ allowed: offline }, { allowed: cloud });
      expect(r.allowed).toBe(offline && cloud);
      expect(r.flagged).toBe(offline !== cloud);
    }),
  );
});
