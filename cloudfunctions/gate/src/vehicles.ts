/**
 * 车辆登记 and vehicles at the gate: a grid worker registers a household's car (in their grid) or
 * a supply vehicle of their enclosure (supplier, driver masked at once, valid days); the gate then
 * lets a registered plate through, refuses an unknown one, and logs each passage with its plate.
 * The people aboard are scanned one by one, each scan naming the vehicle's log (scan.ts).
 * One plate per enclosure: its document id is derived from both, so the gate finds it in one read
 * and a retried registration writes nothing twice.
 */
import { cstDateOf, dayWindow } from '../../../core/time';
import { verdictText } from '../../../core/gate';
import { maskName, maskPhone } from '../../../core/mask';
import { VehicleKind, displayPlate, isValidPlate, normalisePlate, vehicleVerdict } from '../../../core/vehicle';
import type { VehicleEntry, VehicleVerdict } from '../../../typings';
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { Stored, findAll, findById, findMany, insert, insertOnce, updateWhere } from '../../../server/db';
import { AppError, denied, invalid, notFound } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { id, input, int, mobile, oneOf, text, v } from '../../../server/schema';
import { UserDoc, gridBuildingIds, requireGridOf } from '../../../server/users';
import { guardedGate } from './guarded-gate';

interface VehicleDoc {
  enclosureId: string;
  plate: string;
  kind: VehicleKind;
  householdId: string | null;
  buildingId: string | null;
  household: string | null;
  supplier: string | null;
  driver: string | null;
  validFrom: Date | null;
  validUntil: Date | null;
  registeredBy: string;
  registeredAt: Date;
  revokedAt: Date | null;
  revokedBy?: string;
  revokeReason?: string;
}

const DENIED = '仅网格员可以登记车辆';
const vehicleIdOf = (enclosureId: string, plate: string) => idFor('veh', enclosureId, plate);
const plateSchema = () =>
  v.pipe(
    text('车牌号', { min: 7, max: 12 }),
    v.check(isValidPlate, '车牌号格式不正确，如 粤B12345'),
    v.transform(normalisePlate),
  );

export const registerVehicle = {
  who: 'staff',
  role: 'grid_worker',
  denied: DENIED,
  input: v.variant(
    'kind',
    [
      input({
        kind: v.literal('resident'),
        plate: plateSchema(),
        buildingId: id('楼栋'),
        unit: int('单元', 1, 30),
        room: text('房号', { max: 10 }),
      }),
      input({
        kind: v.literal('supply'),
        plate: plateSchema(),
        supplier: text('保供单位', { min: 2, max: 40 }),
        driverName: text('司机姓名', { min: 2, max: 20 }),
        driverPhone: mobile(),
        fromDate: text('开始日期', { min: 10, max: 10 }),
        toDate: text('结束日期', { min: 10, max: 10 }),
      }),
    ],
    '车辆类型无效',
  ),
  run: (input, { user }) => register(user, input),
} satisfies Def<'gate', 'registerVehicle'>;

async function register(worker: Stored<UserDoc>, request: RequestOf<'gate', 'registerVehicle'>) {
  const at = now();
  const base = { plate: request.plate, registeredBy: worker._id, registeredAt: at, revokedAt: null };
  let doc: VehicleDoc;
  if (request.kind === 'resident') {
    await requireGridOf(worker, request.buildingId, '该楼栋不在您负责的网格');
    const { buildingId, unit, room } = request;
    const [household] = await findMany<{ enclosureId: string; buildingId: string; unit: number; room: string }>(
      'households',
      { buildingId, unit, room },
      { limit: 1 },
    );
    if (!household) throw invalid('room', '该房号尚无登记住户');
    const building = await findById<{ name: string }>('buildings', household.buildingId);
    doc = {
      ...base,
      kind: 'resident',
      enclosureId: household.enclosureId,
      householdId: household._id,
      buildingId: household.buildingId,
      household: `${building?.name ?? ''}${household.unit}单元${household.room}室`,
      supplier: null,
      driver: null,
      validFrom: null,
      validUntil: null,
    };
  } else {
    if (!worker.enclosureId) throw denied('您尚未分配围合区');
    const window = dayWindow(request.fromDate, request.toDate, at, {
      aheadDays: 30,
      maxDays: 31,
      fromLabel: '开始日期',
      toLabel: '结束日期',
      what: '一次登记',
    });
    if ('field' in window) throw invalid(window.field, window.message);
    doc = {
      ...base,
      kind: 'supply',
      enclosureId: worker.enclosureId,
      householdId: null,
      buildingId: null,
      household: null,
      supplier: request.supplier,
      driver: `${maskName(request.driverName)} ${maskPhone(request.driverPhone)}`,
      ...window,
    };
  }
  const vehicleId = vehicleIdOf(doc.enclosureId, doc.plate);
  // `endedAt` is what retention deletes by: a supply vehicle's last day, or when a car was removed.
  const stored = { _id: vehicleId, ...doc, endedAt: doc.validUntil };
  const existing = await findById<VehicleDoc>('vehicles', vehicleId);
  const taken = () => new AppError('CONFLICT', `车牌 ${displayPlate(doc.plate)} 已登记，请先注销`, 'plate');
  if (!existing) {
    // Two workers registering one new plate at once: the second finds it taken.
    if (!(await insertOnce('vehicles', stored))) throw taken();
    return { vehicleId };
  }
  const lapsed = existing.kind === 'supply' && !!existing.validUntil && existing.validUntil <= at;
  // The same household's car, or the same supplier's vehicle (new dates, another driver): updated.
  const sameOwner =
    existing.kind === doc.kind &&
    (doc.kind === 'resident' ? existing.householdId === doc.householdId : existing.supplier === doc.supplier);
  if (!existing.revokedAt && !lapsed && !sameOwner) throw taken();
  if (sameOwner && !existing.revokedAt && doc.kind === 'resident') return { vehicleId }; // a retry: nothing to change
  // Conditional on the version read, so a concurrent registration of this plate is not overwritten.
  const { _id, ...fields } = stored;
  const changed = await updateWhere('vehicles', { _id, registeredAt: existing.registeredAt }, fields);
  if (changed === 0) throw taken();
  return { vehicleId };
}

function entryOf(doc: Stored<VehicleDoc>): VehicleEntry {
  return {
    id: doc._id,
    plate: displayPlate(doc.plate),
    kind: doc.kind,
    household: doc.household,
    supplier: doc.supplier,
    driver: doc.driver,
    fromDate: doc.validFrom ? cstDateOf(doc.validFrom) : null,
    toDate: doc.validUntil ? cstDateOf(new Date(doc.validUntil.getTime() - 1)) : null,
  };
}

/**
 * The vehicles a grid worker answers for: the enclosure's supply vehicles, and the cars of the
 * households in their grid (whose address they may see); supply first (they change), then by plate.
 */
export const vehicles = {
  who: 'staff',
  role: 'grid_worker',
  denied: DENIED,
  input: input({}),
  run: async (_input, { user }) => {
    if (!user.enclosureId) return [];
    const buildingIds = await gridBuildingIds(user);
    const [supplies, cars] = await Promise.all([
      findAll<VehicleDoc>(
        'vehicles',
        { enclosureId: user.enclosureId, kind: 'supply', revokedAt: null },
        { max: 5000 },
      ),
      findAll<VehicleDoc>('vehicles', { buildingId: { $in: buildingIds }, revokedAt: null }, { max: 5000 }),
    ]);
    const at = now();
    return [...supplies, ...cars]
      .filter((d) => !d.validUntil || d.validUntil > at)
      .sort((a, b) => (a.kind === b.kind ? a.plate.localeCompare(b.plate) : a.kind === 'supply' ? -1 : 1))
      .map(entryOf);
  },
} satisfies Def<'gate', 'vehicles'>;

export const removeVehicle = {
  who: 'staff',
  role: 'grid_worker',
  denied: DENIED,
  input: input({ vehicleId: id('车辆'), reason: text('注销原因', { min: 2, max: 100 }) }),
  run: async ({ vehicleId, reason }, { user }) => {
    const vehicle = await findById<VehicleDoc>('vehicles', vehicleId);
    if (!vehicle) throw notFound('车辆不存在');
    if (vehicle.enclosureId !== user.enclosureId) throw denied('该车辆不在您负责的围合区');
    if (vehicle.buildingId) await requireGridOf(user, vehicle.buildingId, '该车辆所属住户不在您负责的网格');
    await updateWhere(
      'vehicles',
      { _id: vehicleId, revokedAt: null },
      { revokedAt: now(), endedAt: now(), revokedBy: user._id, revokeReason: reason },
    );
    return { vehicleId };
  },
} satisfies Def<'gate', 'removeVehicle'>;

export const vehicle = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以扫码核验',
  input: input({
    gateId: id('卡口'),
    direction: oneOf('进出方向', ['in', 'out']),
    plate: plateSchema(),
  }),
  run: (input, { user }) => passage(user, input),
} satisfies Def<'gate', 'vehicle'>;

async function passage(
  guard: Stored<UserDoc>,
  { gateId, direction, plate }: RequestOf<'gate', 'vehicle'>,
): Promise<VehicleVerdict> {
  const gate = await guardedGate(guard, gateId);
  const at = now();
  const found = await findById<VehicleDoc>('vehicles', vehicleIdOf(gate.enclosureId, plate));
  const code = vehicleVerdict(found, { at, direction });
  const allowed = code === 'vehicle_allowed';
  const who = found && !found.revokedAt ? (found.household ?? `${found.supplier ?? ''} ${found.driver ?? ''}`) : null;
  const logId = await insert('gate_logs', {
    gateId,
    direction,
    at,
    guard: guard._id,
    enclosureId: gate.enclosureId,
    // Not the household's: a car's passage spends none of its outing quota (its people's scans do).
    householdId: null,
    residentId: null,
    maskedName: null,
    vehicle: { plate, kind: found?.kind ?? null, householdId: found?.householdId ?? null },
    colour: null,
    allowed,
    code,
  });
  return { allowed, reason: verdictText(code), plate: displayPlate(plate), kind: found?.kind ?? null, who, logId };
}
