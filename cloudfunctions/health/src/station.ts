/**
 * 健康驿站: station staff check a person in (red while there: the station watches them) and out.
 * The days count toward the isolation, which runs from leaving the key area; home check-ins are
 * not expected while at the station (quarantine/tick.ts).
 */
import { stationDays } from '../../../core/health';
import { cstDayNumber } from '../../../core/time';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { findMany, insertOnce, updateWhere } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { id, input, text } from '../../../server/schema';
import { currentStatus, recomputeStatus, viewOf } from '../../../server/status';
import { MEDIC_DENIED, addressOf, patientOf } from './patients';

/**
 * An open stay's `lastAt` (an ended one's is its check-out): the quarantine timer, the desk and
 * retention find stays by this one field.
 */
export const OPEN_STAY_LAST_AT = new Date('9999-12-31T00:00:00Z');

export const stationIn = {
  who: 'staff',
  role: 'medic',
  denied: MEDIC_DENIED,
  input: input({ residentId: id('住户'), station: text('驿站名称', { min: 2, max: 30 }) }),
  async run({ residentId, station }, { user: medic }) {
    const resident = await patientOf(medic, residentId);
    const at = now();
    const [open] = await findMany<{ station: string }>('station_stays', { residentId, outAt: null }, { limit: 1 });
    if (open) throw new AppError('CONFLICT', `该住户已在${open.station}观察`, 'residentId');
    const fresh = await insertOnce('station_stays', {
      _id: `stay-${residentId}-${cstDayNumber(at)}`,
      residentId,
      enclosureId: resident.enclosureId,
      buildingId: resident.buildingId,
      maskedName: resident.maskedName,
      address: addressOf(resident),
      station,
      inAt: at,
      inBy: medic._id,
      outAt: null,
      outBy: null,
      lastAt: OPEN_STAY_LAST_AT,
    });
    if (!fresh) throw new AppError('CONFLICT', '该住户今日已入住过驿站', 'residentId');
    const status = await recomputeStatus(residentId, at);
    return { residentId, status: viewOf(currentStatus(status, at)) };
  },
} satisfies Def<'health', 'stationIn'>;

export const stationOut = {
  who: 'staff',
  role: 'medic',
  denied: MEDIC_DENIED,
  input: input({ residentId: id('住户') }),
  async run({ residentId }, { user: medic }) {
    await patientOf(medic, residentId);
    const at = now();
    const [open] = await findMany<{ station: string; inAt: Date }>(
      'station_stays',
      { residentId, outAt: null },
      { limit: 1 },
    );
    if (!open) throw new AppError('FAILED_PRECONDITION', '该住户不在驿站', 'residentId');
    const ended = await updateWhere(
      'station_stays',
      { _id: open._id, outAt: null },
      { outAt: at, outBy: medic._id, lastAt: at },
    );
    if (ended === 0) throw new AppError('FAILED_PRECONDITION', '该住户已离开驿站', 'residentId');
    const status = await recomputeStatus(residentId, at);
    return {
      residentId,
      status: viewOf(currentStatus(status, at)),
      days: stationDays([{ station: open.station, inAt: open.inAt, outAt: at }], open.inAt, at),
    };
  },
} satisfies Def<'health', 'stationOut'>;
