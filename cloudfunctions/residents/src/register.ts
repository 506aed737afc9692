/**
 * 住户登记: a newcomer registers themselves at an address (yellow until a grid worker verifies);
 * a household head adds dependants without phones (children, elders). Retried with the same
 * request id, either answers what the first attempt did.
 */
import { ROOM_LABEL, RoomScheme, floorOf, roomProblem } from '../../../core/estate';
import { maskName } from '../../../core/mask';
import type { ResidentsContract } from '../../../typings';
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { findById, findMany } from '../../../server/db';
import { AppError, denied } from '../../../server/errors';
import type { Stored } from '../../../server/db';
import { id, idNumber, input, int, mobile, oneOf, requestId, text, v } from '../../../server/schema';
import { idFor } from '../../../server/ids';
import { protectIdNumber, protectPhone } from '../../../server/pii';
import { ResidentDoc, StatusDoc, currentRules, recomputeStatus, statusDocFor, viewOf } from '../../../server/status';
import { Writes, inTransaction } from '../../../server/transaction';
import type { UserDoc } from '../../../server/users';
import { HouseholdDoc, Self } from '../../../server/household';

type Registered = ResidentsContract['register']['response'];

export async function newStatus(residentId: string, resident: ResidentDoc, at: Date): Promise<StatusDoc> {
  // A newcomer has no declarations, check-ins or orders yet; unit orders still apply.
  const rules = await currentRules();
  const orders = await findMany<{ startAt: Date; days: number; reason: string; endedAt?: Date }>('unit_orders', {
    buildingId: resident.buildingId,
    unit: resident.unit,
  });
  const facts = {
    registeredAt: at,
    declarations: [],
    readings: [],
    unitOrders: orders.map((o) => ({ ...o, id: o._id })),
  };
  return statusDocFor(residentId, resident, facts, rules, at);
}

/** A building in service, a unit it has and a room its numbering allows; refused naming the field. */
export async function addressIn(buildingId: string, unit: number, room: string, enclosureId?: string) {
  const building = await findById<{
    enclosureId: string;
    name: string;
    units: number;
    floors: number;
    roomScheme?: RoomScheme;
    retiredAt?: Date;
  }>('buildings', buildingId);
  if (!building || (enclosureId !== undefined && building.enclosureId !== enclosureId))
    throw new AppError('INVALID_ARGUMENT', '楼栋不存在', 'buildingId');
  if (building.retiredAt) throw new AppError('INVALID_ARGUMENT', '该楼栋已停用，请联系网格员', 'buildingId');
  if (unit > building.units) throw new AppError('INVALID_ARGUMENT', `该楼只有 ${building.units} 个单元`, 'unit');
  const roomRefusal = roomProblem(building, room);
  if (roomRefusal) throw new AppError('INVALID_ARGUMENT', roomRefusal, 'room');
  // 0 when the label does not say (a 城中村 room such as A12): counted on the map as 未标明楼层.
  return { building, floor: floorOf(building, room) ?? 0 };
}

export interface Flat {
  householdId: string;
  enclosureId: string;
  buildingId: string;
  unit: number;
  floor: number;
  room: string;
}

/**
 * Inside the caller's transaction, with the household read there: the residents join it, or, at a
 * flat nobody lives in yet, open it with `headId` as its head. `$each` adds every id, not the list
 * as one element.
 */
export async function joinOrOpenHousehold(
  w: Writes,
  household: HouseholdDoc | null,
  { householdId, ...address }: Flat,
  ids: string[],
  headId: string,
): Promise<void> {
  if (household) await w.update('households', householdId, { memberIds: command.addToSet({ $each: ids }) });
  else await w.set('households', householdId, { ...address, headResidentId: headId, memberIds: ids });
}

export async function refuseKnownId(idHash: string | undefined): Promise<void> {
  if (!idHash) return;
  const [existing] = await findMany<{ openid?: string; importedAt?: Date }>(
    'residents',
    { idHash },
    {
      limit: 1,
      fields: { _id: true, openid: true, importedAt: true },
    },
  );
  // Listed by the street and not yet claimed: registering again would make a second person.
  if (existing?.importedAt && !existing.openid)
    throw new AppError('CONFLICT', '社区已为您登记，请使用“认领住户信息”', 'idNumber');
  if (existing) throw new AppError('CONFLICT', '该身份证号已登记，如有疑问请联系网格员', 'idNumber');
}

export const register = {
  who: 'anyone',
  input: input({
    requestId: requestId(),
    name: text('姓名', { min: 2, max: 20 }),
    idNumber: idNumber(),
    phone: mobile(),
    enclosureId: id('围合区'),
    buildingId: id('楼栋'),
    unit: int('单元', 1, 20),
    // Checked against the building's own numbering below: 501 in a 小区 block, A12 in a 城中村 rental.
    room: v.pipe(text('房号', { max: 8 }), v.regex(ROOM_LABEL, '房号只能包含字母、数字和 -，如 501 或 A12')),
  }),
  run: (input, ctx) => registerResident(input, ctx.openid, ctx.user),
} satisfies Def<'residents', 'register'>;

async function registerResident(
  { requestId, name, idNumber, phone, enclosureId, buildingId, unit, room }: RequestOf<'residents', 'register'>,
  openid: string,
  loadUser: () => Promise<Stored<UserDoc> | null>,
): Promise<Registered> {
  const user = await loadUser();
  if (user?.residentId) {
    const existing = await findById<StatusDoc>('statuses', user.residentId);
    if (user.registerRequestId === requestId && existing)
      return { residentId: user.residentId, status: viewOf(existing) };
    throw new AppError('CONFLICT', '您已完成住户登记');
  }
  const { building, floor } = await addressIn(buildingId, unit, room, enclosureId);
  const idProtected = protectIdNumber(idNumber);
  await refuseKnownId(idProtected.idHash);

  const at = now();
  const residentId = idFor('res', openid, requestId);
  const householdId = `${buildingId}-u${unit}-${room}`;
  const base: ResidentDoc = {
    name,
    maskedName: maskName(name),
    householdId,
    enclosureId: building.enclosureId,
    buildingId,
    buildingName: building.name,
    unit,
    floor,
    room,
    relation: 'head',
    birthYear: Number(idNumber.slice(6, 10)),
    openid,
    ...idProtected,
    ...protectPhone(phone),
    registeredAt: at,
  };
  const status = await newStatus(residentId, base, at);
  await inTransaction(async (w) => {
    // Read inside the transaction: of several people registering at one new flat at once, one
    // opens the household and the others (retried after the conflict) join it as pending.
    await claimIdNumber(w, idProtected.idHash, residentId);
    const household = await w.get<HouseholdDoc>('households', householdId);
    const resident: ResidentDoc = household ? { ...base, relation: 'member', pendingSince: at } : base;
    await w.set('residents', residentId, resident);
    const flat = { householdId, enclosureId: building.enclosureId, buildingId, unit, floor, room };
    await joinOrOpenHousehold(w, household, flat, [residentId], residentId);
    const roles = [...new Set([...(user?.roles ?? []), 'resident'])];
    // `enclosureId` on a user is where they work (staff scope); where they live is `homeEnclosureId`.
    await w.set('users', openid, {
      ...(user ? stripId(user) : {}),
      roles,
      residentId,
      homeEnclosureId: building.enclosureId,
      registerRequestId: requestId,
    });
    await w.set('statuses', residentId, status);
  });
  // Stored, now recomputed in full: a unit order opens this newcomer's isolation order at once, and the map counts them.
  return { residentId, status: viewOf(await recomputeStatus(residentId, at)) };
}

/**
 * One ID number, one person: a claim document keyed by the ID hash, written in the same
 * transaction as the resident, so two concurrent registrations cannot both create a person
 * (the second conflicts, is retried, and then finds the claim).
 */
export async function claimIdNumber(w: Writes, idHash: string | undefined, residentId: string): Promise<void> {
  if (!idHash) return;
  const claim = await w.get<{ residentId: string }>('id_claims', idHash);
  if (claim && claim.residentId !== residentId)
    throw new AppError('CONFLICT', '该身份证号已登记，如有疑问请联系网格员', 'idNumber');
  await w.set('id_claims', idHash, { residentId });
}

export const addDependant = {
  who: 'resident',
  input: input({
    requestId: requestId(),
    name: text('姓名', { min: 2, max: 20 }),
    relation: oneOf('家庭关系', ['child', 'elder', 'member']),
    birthYear: int('出生年份', 1900, new Date().getFullYear()),
    idNumber: v.optional(v.union([v.literal(''), idNumber()], '身份证号格式不正确')),
  }),
  run: (input, { self }) => addDependantOf(self, input),
} satisfies Def<'residents', 'addDependant'>;

async function addDependantOf(
  self: Self,
  { requestId, name, relation, birthYear, idNumber }: RequestOf<'residents', 'addDependant'>,
): Promise<Registered> {
  const household = await findById<HouseholdDoc>('households', self.resident.householdId);
  if (household?.headResidentId !== self.residentId) throw denied('只有户主可以添加家庭成员');
  const residentId = idFor('res', self.openid, requestId);
  const existing = await findById<StatusDoc>('statuses', residentId);
  if (existing) return { residentId, status: viewOf(existing) };
  const idProtected: { idHash?: string; idMasked?: string } = idNumber ? protectIdNumber(idNumber) : {};
  await refuseKnownId(idProtected.idHash);
  const at = now();
  const {
    name: _n,
    maskedName: _m,
    openid: _o,
    idHash: _h,
    idMasked: _i,
    phoneSealed: _p,
    phoneMasked: _pm,
    verifiedAt: _v,
    verifiedBy: _vb,
    pendingSince: _ps,
    acceptedAt: _aa,
    clearedAt: _c,
    override: _ov,
    ...address
  } = self.resident;
  const resident: ResidentDoc = {
    ...stripId(address),
    name,
    maskedName: maskName(name),
    relation,
    birthYear,
    ...idProtected,
    registeredAt: at,
  };
  const status = await newStatus(residentId, resident, at);
  await inTransaction(async (w) => {
    await claimIdNumber(w, idProtected.idHash, residentId);
    await w.set('residents', residentId, resident);
    await w.update('households', self.resident.householdId, { memberIds: command.addToSet(residentId) });
    await w.set('statuses', residentId, status);
  });
  // Stored, now recomputed in full: a unit order opens this newcomer's isolation order at once, and the map counts them.
  return { residentId, status: viewOf(await recomputeStatus(residentId, at)) };
}

export function stripId<T extends { _id?: string }>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc;
  return rest;
}
