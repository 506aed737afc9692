/** 值守与巡查's schedules (core/duty.ts): shifts cover the day round, rounds fall due when planned. */
import fc from 'fast-check';
import {
  ROUND_EARLY_MS,
  ROUND_GRACE_MS,
  SHIFT_GRACE_MS,
  SHIFT_SLOTS,
  type ShiftSlot,
  roundState,
  roundsDue,
  shiftState,
  shiftWindow,
} from '../../core/duty';
import { cstDayStart } from '../../core/time';

const HOUR = 3600_000;
const date = fc
  .integer({ min: 0, max: 400 })
  .map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const slot = fc.constantFrom<ShiftSlot>(...(Object.keys(SHIFT_SLOTS) as ShiftSlot[]));

test('a date’s three shifts run back to back from 08:00 to 08:00 the next morning, China time', () => {
  fc.assert(
    fc.property(date, (d) => {
      const [day, evening, night] = (['day', 'evening', 'night'] as const).map((s) => shiftWindow(d, s)!);
      expect(day.startAt.getTime()).toBe(cstDayStart(d)!.getTime() + 8 * HOUR);
      expect(evening.startAt).toEqual(day.endAt);
      expect(night.startAt).toEqual(evening.endAt);
      expect(night.endAt.getTime() - day.startAt.getTime()).toBe(24 * HOUR);
    }),
  );
  expect(shiftWindow('2020-02-30', 'day')).toBeNull();
});

test('a shift nobody started is missed exactly once past its grace, and one started is never missed', () => {
  fc.assert(
    fc.property(date, slot, fc.integer({ min: -10 * HOUR, max: 12 * HOUR }), (d, s, offset) => {
      const w = shiftWindow(d, s)!;
      const at = new Date(w.startAt.getTime() + offset);
      const unstarted = shiftState({ ...w, startedAt: null, handedOverAt: null }, at);
      expect(unstarted === 'missed').toBe(offset > SHIFT_GRACE_MS);
      const started = shiftState({ ...w, startedAt: w.startAt, handedOverAt: null }, at);
      expect(started).not.toBe('missed');
      expect(shiftState({ ...w, startedAt: null, handedOverAt: at }, at)).toBe('done');
    }),
  );
});

test('rounds fall due at each planned time of each planned day, within the window asked', () => {
  fc.assert(
    fc.property(
      date,
      fc.integer({ min: 1, max: 14 }),
      fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 4 }),
      (fromDate, days, hours) => {
        const times = hours.map((h) => `${String(h).padStart(2, '0')}:30`);
        const start = cstDayStart(fromDate)!;
        const all = roundsDue({ fromDate, days, times }, start, new Date(start.getTime() + 30 * 86_400_000));
        expect(all).toHaveLength(days * times.length);
        expect([...all].sort((a, b) => +a - +b)).toEqual(all);
        // A window of one day holds that day's only.
        const second = new Date(start.getTime() + 86_400_000);
        const one = roundsDue({ fromDate, days, times }, second, new Date(second.getTime() + 86_400_000 - 1));
        expect(one).toHaveLength(days > 1 ? times.length : 0);
      },
    ),
  );
});

test('a round is open from an hour before its time, done once checked, missed two hours after', () => {
  const due = new Date('2020-02-12T02:00:00Z');
  fc.assert(
    fc.property(fc.integer({ min: -5 * HOUR, max: 5 * HOUR }), fc.boolean(), (offset, checked) => {
      const at = new Date(due.getTime() + offset);
      const state = roundState(due, checked ? at : null, at);
      if (checked) expect(state).toBe('done');
      else if (offset > ROUND_GRACE_MS) expect(state).toBe('missed');
      else expect(state).toBe(offset >= -ROUND_EARLY_MS ? 'open' : 'upcoming');
    }),
  );
});
