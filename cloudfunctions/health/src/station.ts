/**
 * Away from home under watch: a 健康驿站 stay (station staff check a person in and out) or a
 * transfer of a close contact to central isolation (集中隔离: where, when, by whom, and the return).
 * Red while away; station days count toward the isolation, which runs from leaving the key area;
 * no home check-in is expected meanwhile (quarantine/tick.ts). One open stay a person at a time.
 */
import type { StationStay } from '../../../core/health';
import { stationDays } from '../../../core/health';
import type { ResidentDoc } from '../../../core/status-doc';
import { cstDayNumber } from '../../../core/time';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { Stored, findMany, insertOnce, updateWhere } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { id, input, text } from '../../../server/schema';
import { currentStatus, recomputeStatus, viewOf } from '../../../server/status';
import type { UserDoc } from '../../../server/users';
import { MEDIC_DENIED, TEAM, addressOf, inScope, patientOf } from './patients';

/**
 * An open stay's `lastAt` (an ended one's is its check-out): the quarantine timer, the desk and
 * retention find stays by this one field.
 */
export const OPEN_STAY_LAST_AT = new Date('9999-12-31T00:00:00Z');

type Kind = NonNullable<StationStay['kind']>;
const PLACE: Record<Kind, string> = { station: '驿站', central: '集中隔离点' };

async function openStay(residentId: string) {
  const [open] = await findMany<StationStay>('station_stays', { residentId, outAt: null }, { limit: 1 });
  return open ?? null;
}

async function arrive(user: Stored<UserDoc>, resident: Stored<ResidentDoc>, kind: Kind, place: string) {
  const at = now();
  const open = await openStay(resident._id);
  if (open)
    throw new AppError(
      'CONFLICT',
      `该住户已在${open.station}${open.kind === 'central' ? '集中隔离' : '观察'}`,
      'residentId',
    );
  const fresh = await insertOnce('station_stays', {
    _id: `${kind === 'central' ? 'ctr' : 'stay'}-${resident._id}-${cstDayNumber(at)}`,
    kind,
    residentId: resident._id,
    enclosureId: resident.enclosureId,
    buildingId: resident.buildingId,
    maskedName: resident.maskedName,
    address: addressOf(resident),
    station: place,
    inAt: at,
    inBy: user._id,
    outAt: null,
    outBy: null,
    lastAt: OPEN_STAY_LAST_AT,
  });
  if (!fresh) throw new AppError('CONFLICT', `该住户今日已入住过${PLACE[kind]}`, 'residentId');
  const status = await recomputeStatus(resident._id, at);
  return { residentId: resident._id, status: viewOf(currentStatus(status, at)) };
}

async function leave(user: Stored<UserDoc>, residentId: string, kind: Kind) {
  const at = now();
  const open = await openStay(residentId);
  if (!open || (open.kind ?? 'station') !== kind)
    throw new AppError(
      'FAILED_PRECONDITION',
      kind === 'central' ? '该住户不在集中隔离' : '该住户不在驿站',
      'residentId',
    );
  const ended = await updateWhere(
    'station_stays',
    { _id: (open as Stored<StationStay>)._id, outAt: null },
    { outAt: at, outBy: user._id, lastAt: at },
  );
  if (ended === 0) throw new AppError('FAILED_PRECONDITION', '该住户已办理离开', 'residentId');
  const status = await recomputeStatus(residentId, at);
  return {
    residentId,
    status: viewOf(currentStatus(status, at)),
    days: stationDays([{ station: open.station, inAt: open.inAt, outAt: at }], open.inAt, at),
  };
}

export const stationIn = {
  who: 'staff',
  role: 'medic',
  denied: MEDIC_DENIED,
  input: input({ residentId: id('住户'), station: text('驿站名称', { min: 2, max: 30 }) }),
  run: async ({ residentId, station }, { user }) => arrive(user, await patientOf(user, residentId), 'station', station),
} satisfies Def<'health', 'stationIn'>;

export const stationOut = {
  who: 'staff',
  role: 'medic',
  denied: MEDIC_DENIED,
  input: input({ residentId: id('住户') }),
  async run({ residentId }, { user }) {
    await patientOf(user, residentId);
    return leave(user, residentId, 'station');
  },
} satisfies Def<'health', 'stationOut'>;

/** 转运: a close contact to a central isolation site, by the grid worker of the building or the medic. */
export const transfer = {
  who: 'staff',
  role: TEAM,
  denied: '仅网格员或医务人员可以登记转运',
  input: input({ residentId: id('住户'), place: text('集中隔离点', { min: 2, max: 30 }) }),
  run: async ({ residentId, place }, { user }) => arrive(user, await inScope(user, residentId), 'central', place),
} satisfies Def<'health', 'transfer'>;

/** 返回: back home from central isolation; the rules then say what still applies. */
export const returnHome = {
  who: 'staff',
  role: TEAM,
  denied: '仅网格员或医务人员可以登记返回',
  input: input({ residentId: id('住户') }),
  async run({ residentId }, { user }) {
    await inScope(user, residentId);
    const { days: _days, ...answer } = await leave(user, residentId, 'central');
    return answer;
  },
} satisfies Def<'health', 'returnHome'>;
