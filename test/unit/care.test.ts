/** 关爱对象's plan (core/care.ts): when the next visit or call is due, and when it is overdue. */
import fc from 'fast-check';
import {
  CARE_EVERY_DAYS,
  CARE_OUTCOMES,
  addDays,
  daysBetween,
  escalates,
  nextDueAfter,
  overdueDays,
  plannedDue,
} from '../../core/care';

const BASE = '2020-02-01';
const date = fc.integer({ min: -40, max: 40 }).map((d) => addDays(BASE, d));
const everyDays = fc.integer({ min: CARE_EVERY_DAYS.min, max: CARE_EVERY_DAYS.max });
const outcome = fc.constantFrom(...CARE_OUTCOMES);

test('days add up across month ends and leap days, and daysBetween undoes addDays', () => {
  expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
  expect(addDays('2020-02-29', 1)).toBe('2020-03-01');
  expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
  fc.assert(fc.property(date, fc.integer({ min: -30, max: 30 }), (d, n) => daysBetween(d, addDays(d, n)) === n));
});

test('a contact that reached the person moves the plan exactly its days on; one that did not leaves it due', () => {
  fc.assert(
    fc.property(date, date, outcome, everyDays, (due, on, o, days) => {
      const next = nextDueAfter(due, on, o, days);
      if (o === 'unreached') return next === due;
      return daysBetween(on, next) === days;
    }),
  );
});

test('only 未联系上 and 身体不适 alert the grid worker', () => {
  expect(CARE_OUTCOMES.filter(escalates)).toEqual(['unwell', 'unreached']);
});

test('a new 关爱对象 is due today; a changed plan never excuses a contact already due, nor is missed at once', () => {
  expect(plannedDue(BASE, 3, null)).toBe(BASE);
  fc.assert(
    fc.property(date, everyDays, fc.option(date, { nil: null }), date, (today, days, lastReachedOn, nextDueOn) => {
      const due = plannedDue(today, days, { lastReachedOn, nextDueOn });
      // Never later than it was: an overdue elder stays overdue whatever the new plan says.
      if (due > nextDueOn) return false;
      // Earlier than today only when it already was.
      if (due < today && due !== nextDueOn) return false;
      // With a contact made, never later than the new days after it (or today).
      if (lastReachedOn && due > addDays(lastReachedOn, days) && due > today) return false;
      return true;
    }),
  );
});

test('overdue counts the days past the due day, and nothing on or before it', () => {
  expect(overdueDays('2020-02-10', '2020-02-10')).toBe(0);
  expect(overdueDays('2020-02-10', '2020-02-09')).toBe(0);
  expect(overdueDays('2020-02-10', '2020-02-13')).toBe(3);
  fc.assert(fc.property(date, date, (due, today) => overdueDays(due, today) > 0 === due < today));
});
