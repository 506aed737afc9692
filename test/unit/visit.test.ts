/** The visit rules: which days a host may ask for, and what the gate says to a visitor. */
import fc from 'fast-check';
import { DAY_MS, startOfDayCst } from '../../core/time';
import {
  VISIT_AHEAD_DAYS,
  VISIT_MAX_DAYS,
  VisitAtGate,
  cstDayStart,
  visitWindow,
  visitorVerdict,
} from '../../core/visit';

const AT = new Date('2020-02-20T10:00:00+08:00');
const day = (offset: number, at = AT) =>
  new Date(startOfDayCst(at).getTime() + offset * DAY_MS + 8 * 3600_000).toISOString().slice(0, 10);

test('a China day starts at its midnight in China, and impossible dates are not days', () => {
  expect(cstDayStart('2020-02-20')?.toISOString()).toBe('2020-02-19T16:00:00.000Z');
  for (const bad of ['2020-02-30', '2020-13-01', '20-02-01', '2020-2-1', '', '2020-02-20T00:00'])
    expect(cstDayStart(bad)).toBeNull();
});

test('any window the rules accept starts today or later, within a week, and spans at most 3 days', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -3, max: 12 }),
      fc.integer({ min: -2, max: 6 }),
      fc.integer({ min: 0, max: 86_399_999 }),
      (from, length, msIntoDay) => {
        const at = new Date(startOfDayCst(AT).getTime() + msIntoDay);
        const window = visitWindow(day(from, at), day(from + length, at), at);
        const fine = from >= 0 && from <= VISIT_AHEAD_DAYS && length >= 0 && length < VISIT_MAX_DAYS;
        expect('field' in window).toBe(!fine);
        if ('field' in window) return;
        expect(window.validFrom.getTime()).toBe(startOfDayCst(at).getTime() + from * DAY_MS);
        expect(window.validUntil.getTime() - window.validFrom.getTime()).toBe((length + 1) * DAY_MS);
      },
    ),
  );
});

test('the field blamed is the one to change', () => {
  expect(visitWindow(day(-1), day(0), AT)).toMatchObject({ field: 'fromDate' });
  expect(visitWindow(day(0), day(-1), AT)).toMatchObject({ field: 'toDate' });
  expect(visitWindow(day(0), day(3), AT)).toMatchObject({ field: 'toDate', message: '一次来访最多3天' });
  expect(visitWindow('明天', day(0), AT)).toMatchObject({ field: 'fromDate' });
});

const visitOn = (state: VisitAtGate['state'], from: number, days = 1): VisitAtGate => ({
  state,
  validFrom: new Date(startOfDayCst(AT).getTime() + from * DAY_MS),
  validUntil: new Date(startOfDayCst(AT).getTime() + (from + days) * DAY_MS),
});
const atGate = (visits: VisitAtGate[], direction: 'in' | 'out' = 'in', fever = false) =>
  visitorVerdict(visits, { at: AT, direction, fever }).code;

test('only an approved visit covering this moment lets a visitor in', () => {
  expect(atGate([visitOn('approved', 0)])).toBe('visitor_allowed');
  expect(atGate([visitOn('pending', 0)])).toBe('visitor_pending');
  expect(atGate([visitOn('approved', 1)])).toBe('visitor_not_yet');
  expect(atGate([visitOn('approved', -2)])).toBe('visitor_expired');
  // Cancelled by the host once under way: its window closed then, and the gate says why.
  const cancelled = { ...visitOn('approved', -1, 2), validUntil: new Date(AT.getTime() - 1000), cancelledAt: AT };
  expect(atGate([cancelled])).toBe('visitor_cancelled');
  expect(atGate([cancelled], 'out')).toBe('visitor_allowed'); // still let out
  expect(atGate([visitOn('refused', 0)])).toBe('visitor_refused');
  expect(atGate([visitOn('cancelled', 0)])).toBe('visitor_refused');
  expect(atGate([])).toBe('visitor_refused');
  // One approved visit today outweighs any other request of the number.
  expect(atGate([visitOn('refused', 0), visitOn('pending', 1), visitOn('approved', 0)])).toBe('visitor_allowed');
});

test('a visitor past their days is let out, never in; a fever refuses either way', () => {
  expect(atGate([visitOn('approved', -2)], 'out')).toBe('visitor_allowed');
  expect(atGate([visitOn('approved', 1)], 'out')).toBe('visitor_not_yet');
  expect(atGate([visitOn('approved', 0)], 'in', true)).toBe('fever_at_gate');
  expect(atGate([visitOn('approved', 0)], 'out', true)).toBe('fever_at_gate');
});

test('whatever the requests, a visitor is let in only with an approved visit covering the moment', () => {
  const visit = fc
    .record({
      state: fc.constantFrom('pending', 'approved', 'refused', 'cancelled' as const),
      from: fc.integer({ min: -5, max: 5 }),
      days: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ state, from, days }) => visitOn(state, from, days));
  fc.assert(
    fc.property(fc.array(visit, { maxLength: 6 }), fc.boolean(), (visits, fever) => {
      const { code, visit: chosen } = visitorVerdict(visits, { at: AT, direction: 'in', fever });
      const covering = visits.some((v) => v.state === 'approved' && v.validFrom <= AT && AT < v.validUntil);
      expect(code === 'visitor_allowed').toBe(covering && !fever);
      if (code === 'visitor_allowed') expect(chosen?.state).toBe('approved');
    }),
  );
});
