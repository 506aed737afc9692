/** The health follow-up rules (core/health.ts), as properties and as the cases people meet. */
import fc from 'fast-check';
import { CheckinRecord, releaseDecision, windowsBetween } from '../../core/checkin';
import {
  TestRecord,
  excusedByStays,
  positiveReason,
  releaseTestCondition,
  samplingDue,
  stationDays,
  stationReason,
  withTestCondition,
} from '../../core/health';
import { DEFAULT_RULES } from '../../core/rule-config';
import { evaluate } from '../../core/rules';
import { DAY_MS, endOfDayAfter, startOfDayCst } from '../../core/time';

const START = startOfDayCst(new Date('2020-02-01T04:00:00Z')).getTime();
const day = (d: number, hours = 12) => new Date(START + d * DAY_MS + hours * 3600_000);
const result = fc.constantFrom('negative' as const, 'positive' as const, 'invalid' as const, undefined);
const tests = fc.array(
  fc.record({ at: fc.integer({ min: 0, max: 20 * 24 }), result }).map(({ at, result }): TestRecord => ({
    sampledAt: new Date(START + at * 3600_000),
    ...(result ? { result } : {}),
  })),
  { maxLength: 6 },
);

/** Every window of the last day checked in normal: what the check-in rule asks for. */
function normalCheckins(plannedEnd: Date): CheckinRecord[] {
  return windowsBetween(new Date(plannedEnd.getTime() - 2 * DAY_MS), plannedEnd).map((w) => ({
    windowKey: w.key,
    temperature: 36.5,
    symptoms: [],
  }));
}

test('never released early: before the planned end nothing, not even a negative test, releases', () => {
  fc.assert(
    fc.property(tests, fc.integer({ min: 0, max: 7 }), fc.integer({ min: -48, max: 48 }), (records, within, hours) => {
      const plannedEnd = endOfDayAfter(day(0), 14);
      const now = new Date(plannedEnd.getTime() + hours * 3600_000);
      const decision = withTestCondition(
        releaseDecision(plannedEnd, now, normalCheckins(plannedEnd), 37.3),
        releaseTestCondition(records, now, within),
      );
      if (now < plannedEnd) expect(decision.release).toBe(false);
    }),
  );
});

test('never kept after every condition is met: period over, check-ins normal, the newest result negative and within the days', () => {
  fc.assert(
    fc.property(tests, fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 48 }), (records, within, hours) => {
      const plannedEnd = endOfDayAfter(day(0), 14);
      const now = new Date(plannedEnd.getTime() + hours * 3600_000);
      // The newest result decides (a sample still at the lab neither helps nor hinders).
      const newest = records
        .filter((t) => t.sampledAt <= now && t.result)
        .sort((a, b) => +b.sampledAt - +a.sampledAt)[0];
      const met = newest?.result === 'negative' && newest.sampledAt.getTime() >= now.getTime() - within * DAY_MS;
      const decision = withTestCondition(
        releaseDecision(plannedEnd, now, normalCheckins(plannedEnd), 37.3),
        releaseTestCondition(records, now, within),
      );
      expect(decision.release).toBe(met);
      if (!met) expect(decision).toMatchObject({ why: 'test_missing' });
    }),
  );
});

test('with no test asked for (0 days), tests never hold a release back', () => {
  fc.assert(
    fc.property(tests, (records) => {
      const plannedEnd = endOfDayAfter(day(0), 14);
      const decision = withTestCondition(
        releaseDecision(plannedEnd, plannedEnd, normalCheckins(plannedEnd), 37.3),
        releaseTestCondition(records, plannedEnd, 0),
      );
      expect(decision.release).toBe(true);
    }),
  );
});

test('a positive is red exactly while no clearance came after it', () => {
  fc.assert(
    fc.property(tests, fc.option(fc.integer({ min: 0, max: 20 * 24 })), (records, clearedHour) => {
      const clearedAt = clearedHour === null ? undefined : new Date(START + clearedHour * 3600_000);
      const open = records.some((t) => t.result === 'positive' && (!clearedAt || t.sampledAt > clearedAt));
      expect(positiveReason(records, clearedAt) !== null).toBe(open);
    }),
  );
});

test('the rules turn a positive red and a clearance after it ends that red', () => {
  const facts = {
    registeredAt: day(-30),
    verifiedAt: day(-29),
    declarations: [{ at: day(5), temperature: 36.5, symptoms: [], trips: [] }],
    readings: [],
    unitOrders: [],
    tests: [{ sampledAt: day(5, 9), result: 'positive' as const }],
  };
  const red = evaluate(facts, DEFAULT_RULES, day(5, 13));
  expect(red).toMatchObject({ colour: 'red', reasons: [expect.objectContaining({ rule: 'test_positive' })] });
  expect(evaluate({ ...facts, clearedAt: day(5, 12) }, DEFAULT_RULES, day(5, 13)).colour).toBe('green');
});

test('a station stay is red while it lasts; its days are counted by calendar day', () => {
  const stays = [{ station: '温馨驿站', inAt: day(0, 20), outAt: day(3, 10) }];
  expect(stationReason(stays, day(2))).toMatchObject({ rule: 'health_station', colour: 'red' });
  expect(stationReason(stays, day(3, 11))).toBeNull();
  expect(stationDays(stays, day(-1), day(10))).toBe(4);
  expect(stationDays(stays, day(2, 0), day(10))).toBe(2); // only the days within the isolation counted
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 }), (inHour, hours) => {
      const stay = {
        station: '驿站',
        inAt: new Date(START + inHour * 3600_000),
        outAt: new Date(START + (inHour + hours) * 3600_000),
      };
      const n = stationDays([stay], day(-1), day(40));
      expect(n).toBeGreaterThanOrEqual(Math.ceil(hours / 24));
      expect(n).toBeLessThanOrEqual(Math.ceil(hours / 24) + 1);
    }),
  );
});

test('central isolation is its own red reason, and its days are not station days', () => {
  const stays = [{ kind: 'central' as const, station: '区集中隔离点', inAt: day(1), outAt: day(6) }];
  expect(stationReason(stays, day(3))).toMatchObject({ rule: 'central_isolation', colour: 'red' });
  expect(stationReason(stays, day(3))!.text).toMatch(/转至区集中隔离点集中隔离$/);
  expect(stationDays(stays, day(0), day(10))).toBe(0);
  expect(excusedByStays(stays)(windowsBetween(day(2, 0), day(3, 0))[0])).toBe(true);
});

test('home check-in windows during a stay are excused, the ones around it are not', () => {
  const excused = excusedByStays([{ station: '驿站', inAt: day(0, 12), outAt: day(3, 11) }]);
  const windows = windowsBetween(day(0, 0), day(4, 0));
  expect(windows.filter(excused).map((w) => w.key.split('#')[1])).toEqual(['1', '0', '1', '0', '1', '0']);
  expect(windows.filter((w) => !excused(w))).toHaveLength(2); // day 0 morning, day 3 evening
});

test('sampling: the latest scheduled day is due until a sample on or after it; a missed day 1 is overtaken by day 7', () => {
  const since = day(0, 9);
  expect(samplingDue(since, [1, 7, 13], [], day(0))).toBe(1);
  expect(samplingDue(since, [1, 7, 13], [{ sampledAt: day(0, 15) }], day(3))).toBeNull();
  expect(samplingDue(since, [1, 7, 13], [{ sampledAt: day(0, 15) }], day(6))).toBe(7);
  expect(samplingDue(since, [1, 7, 13], [], day(8))).toBe(7);
  expect(samplingDue(since, [7], [], day(2))).toBeNull();
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (sampleDay, today) => {
      const due = samplingDue(since, [1, 7, 13], [{ sampledAt: day(sampleDay) }], day(today));
      if (due !== null) expect(sampleDay + 1 < due || sampleDay > today).toBe(true);
    }),
  );
});
