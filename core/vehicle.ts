/**
 * 车辆登记 (市北's practice): every vehicle through a gate is registered — a resident household's
 * car, or a supply vehicle (supplier, driver, valid dates) — and an unknown plate is refused.
 * Pure rules: what a plate is, and what the gate says about one.
 */
import type { VerdictCode } from '../miniprogram/shared/gate-verdicts';

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** Province, issuing letter, then 5 characters (6 for a new-energy plate); I and O are never used. */
const PLATE = new RegExp(`^[${PROVINCES}][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学]{1,2}$`);

/** The plate as stored and compared: upper case, without the spaces, dots or dashes people type. */
export function normalisePlate(typed: string): string {
  return typed.replace(/[\s·.\-•]/g, '').toUpperCase();
}

export const isValidPlate = (plate: string): boolean => PLATE.test(normalisePlate(plate));

/** "粤B·12345", as painted on the plate. */
export const displayPlate = (plate: string): string => {
  const p = normalisePlate(plate);
  return `${p.slice(0, 2)}·${p.slice(2)}`;
};

export type VehicleKind = 'resident' | 'supply';

export interface VehicleAtGate {
  kind: VehicleKind;
  /** Supply vehicles only: the days it may come. */
  validFrom?: Date | null;
  validUntil?: Date | null;
  revokedAt?: Date | null;
}

/**
 * The gate's decision on a plate at this enclosure: a resident's car while registered; a supply
 * vehicle within its dates — and out at any time, so nothing is kept inside past its dates.
 */
export function vehicleVerdict(
  vehicle: VehicleAtGate | null,
  { at, direction }: { at: Date; direction: 'in' | 'out' },
): VerdictCode {
  if (!vehicle || vehicle.revokedAt) return 'vehicle_unknown';
  if (vehicle.kind === 'resident' || direction === 'out') return 'vehicle_allowed';
  if (vehicle.validFrom && at.getTime() < vehicle.validFrom.getTime()) return 'vehicle_not_yet';
  if (vehicle.validUntil && at.getTime() >= vehicle.validUntil.getTime()) return 'vehicle_expired';
  return 'vehicle_allowed';
}
