/** Plates and the gate's word on a vehicle. */
import fc from 'fast-check';
import { displayPlate, isValidPlate, normalisePlate, vehicleVerdict } from '../../core/vehicle';

test('plates as people type them are read as the plate', () => {
  for (const typed of ['粤B12345', '粤b12345', '粤B·12345', ' 粤B 123 45 ', '粤B-12345', '粤BD12345', '京AF1234X'])
    expect(isValidPlate(typed)).toBe(true);
  expect(normalisePlate('粤b·123 45')).toBe('粤B12345');
  expect(displayPlate('粤bd12345')).toBe('粤B·D12345');
});

test('what is not a plate is refused: no province, I or O, too short or too long', () => {
  for (const typed of ['B12345', '粤I12345', '粤BO2345', '粤B1234', '粤B1234567', '港B12345', '粤12345', ''])
    expect(isValidPlate(typed)).toBe(false);
});

test('normalising is idempotent and keeps validity', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 12 }), (typed) => {
      const once = normalisePlate(typed);
      expect(normalisePlate(once)).toBe(once);
      expect(isValidPlate(once)).toBe(isValidPlate(typed));
    }),
  );
});

const AT = new Date('2020-02-20T10:00:00+08:00');
const DAY = 24 * 3600_000;
const supply = (fromDays: number, untilDays: number) => ({
  kind: 'supply' as const,
  validFrom: new Date(AT.getTime() + fromDays * DAY),
  validUntil: new Date(AT.getTime() + untilDays * DAY),
});

test('an unknown or removed plate is refused either way; a car always passes; a supply vehicle only in its days', () => {
  for (const direction of ['in', 'out'] as const) {
    expect(vehicleVerdict(null, { at: AT, direction })).toBe('vehicle_unknown');
    expect(vehicleVerdict({ kind: 'resident', revokedAt: AT }, { at: AT, direction })).toBe('vehicle_unknown');
    expect(vehicleVerdict({ kind: 'resident' }, { at: AT, direction })).toBe('vehicle_allowed');
  }
  expect(vehicleVerdict(supply(-1, 1), { at: AT, direction: 'in' })).toBe('vehicle_allowed');
  expect(vehicleVerdict(supply(1, 2), { at: AT, direction: 'in' })).toBe('vehicle_not_yet');
  expect(vehicleVerdict(supply(-3, -1), { at: AT, direction: 'in' })).toBe('vehicle_expired');
  // Out at any time: nothing is kept inside past its days.
  expect(vehicleVerdict(supply(-3, -1), { at: AT, direction: 'out' })).toBe('vehicle_allowed');
});
