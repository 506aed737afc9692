/** Isolation orders and check-in windows: what ends an isolation, and what never ends it silently. */
import {
  DEFAULT_WINDOWS,
  missedWindows,
  nextWindow,
  openWindow,
  releaseDecision,
  windowsBetween,
} from '../../core/checkin';
import { isolationNeeds, isolationReasons, newOrders } from '../../core/isolation';
import { DEFAULT_RULES } from '../../core/rule-config';
import { evaluate } from '../../core/rules';
import { DAY_MS, endOfDayAfter } from '../../core/time';

const cst = (iso: string) => new Date(`${iso}+08:00`);
const wuhanTrip = (left: Date) => ({
  at: left,
  temperature: 36.5,
  symptoms: [],
  trips: [{ place: '武汉', areaCode: '420100', from: new Date(left.getTime() - 3 * DAY_MS), to: left }],
});

test('check-in windows are 07:00–10:00 and 17:00–20:00 China time', () => {
  expect(openWindow(cst('2020-02-15T08:30:00'))).toMatchObject({
    start: cst('2020-02-15T07:00:00'),
    end: cst('2020-02-15T10:00:00'),
  });
  expect(openWindow(cst('2020-02-15T12:00:00'))).toBeNull();
  expect(nextWindow(cst('2020-02-15T12:00:00')).start).toEqual(cst('2020-02-15T17:00:00'));
  expect(nextWindow(cst('2020-02-15T21:00:00')).start).toEqual(cst('2020-02-16T07:00:00'));
  expect(windowsBetween(cst('2020-02-15T00:00:00'), cst('2020-02-17T00:00:00'))).toHaveLength(4);
});

test('a window is missed once it has closed without a check-in', () => {
  const since = cst('2020-02-15T00:00:00');
  const morning = openWindow(cst('2020-02-15T08:00:00'))!;
  expect(missedWindows(since, cst('2020-02-15T09:00:00'), [])).toEqual([]);
  expect(missedWindows(since, cst('2020-02-15T10:00:00'), []).map((w) => w.key)).toEqual([morning.key]);
  expect(
    missedWindows(since, cst('2020-02-15T21:00:00'), [{ windowKey: morning.key, temperature: 36.5, symptoms: [] }]),
  ).toHaveLength(1);
});

test('an isolation ends at its planned end only after the last day’s check-ins were all normal', () => {
  const end = cst('2020-02-25T00:00:00');
  const lastDay = windowsBetween(cst('2020-02-24T00:00:00'), end, DEFAULT_WINDOWS);
  const normal = lastDay.map((w) => ({ windowKey: w.key, temperature: 36.6, symptoms: [] }));
  expect(releaseDecision(end, cst('2020-02-24T23:00:00'), normal, 37.3)).toMatchObject({
    release: false,
    why: 'not_yet',
  });
  expect(releaseDecision(end, end, normal, 37.3)).toEqual({ release: true });
  expect(releaseDecision(end, end, normal.slice(0, 1), 37.3)).toMatchObject({ release: false, why: 'missed_checkins' });
  expect(releaseDecision(end, end, [normal[0], { ...normal[1], temperature: 37.6 }], 37.3)).toMatchObject({
    release: false,
    why: 'abnormal_checkin',
    detail: expect.stringContaining('37.6'),
  });
});

test('an active isolation order keeps the resident red past its planned end; an ended one does not', () => {
  const left = cst('2020-02-01T10:00:00');
  const now = cst('2020-02-20T12:00:00'); // after the planned end of Feb 16
  const declarations = [wuhanTrip(left)];
  const needs = isolationNeeds(declarations, [], DEFAULT_RULES);
  const order = {
    needId: needs[0].needId,
    rule: needs[0].rule,
    since: left,
    plannedEnd: endOfDayAfter(left, 14),
    state: 'active' as const,
    text: needs[0].text,
  };
  const facts = {
    registeredAt: cst('2020-01-01T00:00:00'),
    verifiedAt: cst('2020-01-02T00:00:00'),
    declarations: [...declarations, { ...wuhanTrip(left), at: now, trips: [] }],
    readings: [],
    unitOrders: [],
  };
  expect(evaluate({ ...facts, isolationOrders: [order] }, DEFAULT_RULES, now)).toMatchObject({
    colour: 'red',
    until: order.plannedEnd,
  });
  expect(
    evaluate({ ...facts, isolationOrders: [{ ...order, state: 'ended', endedAt: now }] }, DEFAULT_RULES, now).colour,
  ).toBe('green');
  // A trip whose 14 days were already over before anyone recorded it calls for no order.
  expect(evaluate(facts, DEFAULT_RULES, now).colour).toBe('green');
  // An open order keeps its reason even when the declaration behind it is no longer loaded.
  const withoutFacts = {
    ...facts,
    declarations: [{ ...wuhanTrip(left), at: now, trips: [] }],
    isolationOrders: [order],
  };
  expect(evaluate(withoutFacts, DEFAULT_RULES, now).reasons[0]).toMatchObject({
    rule: 'key_area_travel',
    text: order.text,
  });
});

test('a new need becomes a new order once; the days at a health station count toward the 14', () => {
  const left = cst('2020-02-10T09:00:00');
  const now = cst('2020-02-14T12:00:00'); // home after 4 days at a 温馨驿站
  const needs = isolationNeeds([wuhanTrip(left)], [], DEFAULT_RULES);
  const [order] = newOrders(needs, [], now);
  expect(order).toMatchObject({ rule: 'key_area_travel', state: 'active', plannedEnd: endOfDayAfter(left, 14) });
  expect(newOrders(needs, [order], now)).toEqual([]);
  const daysAtHome = (order.plannedEnd.getTime() - now.getTime()) / DAY_MS;
  expect(Math.ceil(daysAtHome)).toBe(11); // 14 days from leaving, of which 4 were at the station
  expect(isolationReasons(needs, [order], new Set(), now)[0]).toMatchObject({
    until: null,
    plannedEnd: order.plannedEnd,
  });
});
