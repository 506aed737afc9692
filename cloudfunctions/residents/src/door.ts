/**
 * 上门登记 (一人一档): a grid worker registers a household at its door, or at the gate, in their own
 * grid — the resident and the elders and children living with them, phones optional. The worker
 * records that the resident agreed, and the record is verified at once by that worker: the audit
 * log keeps who, where (door or gate) and when. Nobody gets a WeChat login from this; a person
 * who later has a phone claims their record (认领住户信息), as for the street's own register.
 * Resent with the same request id, it answers what the first did.
 */
import { ROOM_LABEL } from '../../../core/estate';
import { maskName } from '../../../core/mask';
import type { ResidentsContract } from '../../../typings';
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { Stored, findById, insertOnce } from '../../../server/db';
import { AppError } from '../../../server/errors';
import type { HouseholdDoc } from '../../../server/household';
import { idFor } from '../../../server/ids';
import { id, idNumber, input, int, list, mobile, oneOf, requestId, text, v } from '../../../server/schema';
import { protectIdNumber, protectPhone } from '../../../server/pii';
import { ResidentDoc, StatusDoc, recomputeStatus, viewOf } from '../../../server/status';
import { inTransaction } from '../../../server/transaction';
import { type UserDoc, requireGridOf } from '../../../server/users';
import { addressIn, claimIdNumber, joinOrOpenHousehold, newStatus, refuseKnownId } from './register';

type Answer = ResidentsContract['registerAtDoor']['response'];

const person = v.strictObject(
  {
    name: text('姓名', { min: 2, max: 20 }),
    relation: oneOf('家庭关系', ['head', 'member', 'child', 'elder']),
    birthYear: int('出生年份', 1900, new Date().getFullYear()),
    // Children and many elders have none at hand; the worker can add it later.
    idNumber: v.optional(v.union([v.literal(''), idNumber()], '身份证号格式不正确')),
    phone: v.optional(v.union([v.literal(''), mobile()], '手机号格式不正确')),
  },
  '住户信息格式无效',
);

export const registerAtDoor = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以上门登记',
  input: input({
    requestId: requestId(),
    buildingId: id('楼栋'),
    unit: int('单元', 1, 20),
    room: v.pipe(text('房号', { max: 8 }), v.regex(ROOM_LABEL, '房号只能包含字母、数字和 -，如 501 或 A12')),
    place: oneOf('登记地点', ['door', 'gate']),
    consent: v.literal(true, '请先告知登记用途并征得住户同意'),
    people: v.pipe(list('住户', person, 8), v.minLength(1, '请至少登记一人')),
  }),
  run: (input, { user }) => registerHousehold(user, input),
} satisfies Def<'residents', 'registerAtDoor'>;

async function registerHousehold(
  worker: Stored<UserDoc>,
  { requestId, buildingId, unit, room, place, people }: RequestOf<'residents', 'registerAtDoor'>,
): Promise<Answer> {
  await requireGridOf(worker, buildingId, '该楼栋不在您负责的网格，请联系该楼栋的网格员');
  const ids = people.map((_, i) => idFor('res', worker._id, `${requestId}:${i}`));
  const done = await findById<StatusDoc>('statuses', ids[0]);
  if (done) return answer(ids, await Promise.all(ids.map((rid) => findById<StatusDoc>('statuses', rid))));

  const { building, floor } = await addressIn(buildingId, unit, room);
  const protectedIds: { idHash?: string; idMasked?: string }[] = people.map((p) =>
    p.idNumber ? protectIdNumber(p.idNumber) : {},
  );
  const hashes = protectedIds.map((p) => p.idHash).filter(Boolean);
  if (new Set(hashes).size !== hashes.length)
    throw new AppError('INVALID_ARGUMENT', '同一身份证号填写了两次', 'people');
  for (const p of protectedIds) await refuseKnownId(p.idHash);

  const at = now();
  const householdId = `${buildingId}-u${unit}-${room}`;
  const residents: ResidentDoc[] = people.map((p, i) => ({
    name: p.name,
    maskedName: maskName(p.name),
    householdId,
    enclosureId: building.enclosureId,
    buildingId,
    buildingName: building.name,
    unit,
    floor,
    room,
    relation: p.relation,
    birthYear: p.birthYear,
    ...protectedIds[i],
    ...(p.phone ? protectPhone(p.phone) : {}),
    registeredAt: at,
    // Seen at the door by the worker who registers them: verified and accepted at once.
    verifiedAt: at,
    verifiedBy: worker._id,
    acceptedAt: at,
    // Claimable later (认领住户信息) by name, ID number and flat, like the street's own register.
    importedAt: at,
  }));
  const statuses = await Promise.all(residents.map((r, i) => newStatus(ids[i], r, at)));
  await inTransaction(async (w) => {
    for (const [i, p] of protectedIds.entries()) await claimIdNumber(w, p.idHash, ids[i]);
    const household = await w.get<HouseholdDoc>('households', householdId);
    // A flat nobody lives in yet: its first head registered here is the household's head.
    const headIndex = Math.max(
      0,
      people.findIndex((p) => p.relation === 'head'),
    );
    for (const [i, r] of residents.entries()) {
      const relation = !household && i === headIndex ? 'head' : r.relation === 'head' ? 'member' : r.relation;
      await w.set('residents', ids[i], { ...r, relation });
      await w.set('statuses', ids[i], statuses[i]);
    }
    const flat = { householdId, enclosureId: building.enclosureId, buildingId, unit, floor, room };
    await joinOrOpenHousehold(w, household, flat, ids, ids[headIndex]);
  });
  await insertOnce('audit_logs', {
    _id: idFor('door', worker._id, requestId),
    at,
    actor: worker._id,
    action: 'register_at_door',
    residentId: ids[0],
    before: null,
    after: { residentIds: ids, householdId, place, consent: true },
    note: `${place === 'door' ? '上门' : '卡口'}登记 ${building.name}${unit}单元${room}室，住户已同意`,
  });
  // Stored, now recomputed in full (unit orders, the map's counts).
  return answer(ids, await Promise.all(ids.map((rid) => recomputeStatus(rid, at))));
}

function answer(ids: string[], statuses: (StatusDoc | null)[]): Answer {
  return {
    residents: ids.map((residentId, i) => ({
      residentId,
      maskedName: statuses[i]?.maskedName ?? '',
      status: statuses[i] ? viewOf(statuses[i]!) : null,
    })),
  };
}
