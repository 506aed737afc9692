/** The 防疫地图 picture's rules (core/site-plan.ts): tones, placement, and counts residents may see. */
import fc from 'fast-check';
import { SMALL_GROUP, autoLayout, buildingTone, positionsOf, publicColumn } from '../../core/site-plan';

test('a sealed unit outranks red, red outranks yellow, and an empty building is grey', () => {
  fc.assert(
    fc.property(
      fc.nat(500),
      fc.nat(20),
      fc.nat(20),
      fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 3 }),
      (residents, red, yellow, isolatedUnits) => {
        const tone = buildingTone({ residents, red, yellow, isolatedUnits });
        if (isolatedUnits.length) expect(tone).toBe('isolated');
        else if (red) expect(tone).toBe('red');
        else if (yellow) expect(tone).toBe('yellow');
        else expect(tone).toBe(residents ? 'green' : 'empty');
      },
    ),
  );
});

test('buildings nobody placed fill distinct places inside the plan; placed ones keep theirs', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 300 }), (n) => {
      const places = autoLayout(n);
      expect(new Set(places.map((p) => `${p.x},${p.y}`)).size).toBe(n);
      for (const p of places) {
        expect(p.x).toBeGreaterThanOrEqual(5);
        expect(p.x).toBeLessThanOrEqual(95);
        expect(p.y).toBeGreaterThanOrEqual(5);
        expect(p.y).toBeLessThanOrEqual(95);
      }
    }),
  );
  const positions = positionsOf([{ id: 'a', plan: { x: 12, y: 80 } }, { id: 'b' }, { id: 'c', plan: null }]);
  expect(positions.get('a')).toEqual({ x: 12, y: 80 });
  expect(positions.get('b')).not.toEqual(positions.get('c'));
});

test('no count residents see, and nothing derived from the total, reveals a group smaller than five', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 30 }), (values) => {
      const { cells, total } = publicColumn(values);
      for (const cell of cells) if (typeof cell === 'number') expect(cell === 0 || cell >= SMALL_GROUP).toBe(true);
      cells.forEach((cell, i) => expect(cell === '<5').toBe(values[i] > 0 && values[i] < SMALL_GROUP));
      if (typeof total === 'number') {
        const rest = total - cells.reduce<number>((sum, c) => sum + (typeof c === 'number' ? c : 0), 0);
        expect(rest === 0 || rest >= SMALL_GROUP).toBe(true);
        expect(total === 0 || total >= SMALL_GROUP).toBe(true);
      }
      // One small group alone is never given away by the total.
      if (cells.filter((c) => c === '<5').length === 1) expect(total).toBeNull();
    }),
  );
  expect(publicColumn([12, 3, 0])).toEqual({ cells: [12, '<5', 0], total: null });
  expect(publicColumn([12, 3, 4])).toEqual({ cells: [12, '<5', '<5'], total: 19 });
  expect(publicColumn([2, 1])).toEqual({ cells: ['<5', '<5'], total: null });
});
