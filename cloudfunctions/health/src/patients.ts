/**
 * Who a medic serves and how they find a person: the medic works for one enclosure (their
 * invitation's scope) and reaches only its residents; a person is named by their id (from the
 * desk) or by their pass or printed card, scanned.
 */
import { checkAnyCard, isCardToken } from '../../../core/pass-card';
import { checkAnyToken } from '../../../core/pass-token';
import type { ResidentDoc } from '../../../core/status-doc';
import { Stored, findById } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { passKeys } from '../../../server/pass-key';
import { UserDoc, gridBuildingIds, hasRole } from '../../../server/users';

export const MEDIC_DENIED = '仅医务人员可以办理';
/** The three-person team's members here: the grid worker and the medic (the police have no account). */
export const TEAM = ['grid_worker', 'medic'] as const;

export const addressOf = (r: Pick<ResidentDoc, 'buildingName' | 'unit' | 'room'>) =>
  `${r.buildingName}${r.unit}单元${r.room}室`;

/** The resident, if they live in the medic's enclosure; refused otherwise, before anything is written. */
export async function patientOf(medic: Stored<UserDoc>, residentId: string): Promise<Stored<ResidentDoc>> {
  const resident = await findById<ResidentDoc>('residents', residentId);
  if (!resident) throw notFound('住户不存在');
  if (!medic.enclosureId || resident.enclosureId !== medic.enclosureId) throw denied('该住户不在您服务的围合区');
  return resident;
}

/** The resident a scanned pass or card names (checked as the gate checks it: signature, expiry, card in force). */
export async function residentOfPass(token: string, at: Date): Promise<string> {
  const keys = passKeys('未配置通行码密钥，请联系街道管理员');
  const checkKeys = { secret: keys.secret, publicKey: keys.signing.publicKey, envId: keys.envId };
  if (isCardToken(token)) {
    const card = checkAnyCard(token, at, checkKeys);
    if (!card.ok) throw new AppError('INVALID_ARGUMENT', '爱心码无效或已过期', 'token');
    const stored = await findById<{ state: string }>('pass_cards', card.cardId);
    if (stored?.state !== 'active') throw new AppError('INVALID_ARGUMENT', '该爱心码已作废', 'token');
    return card.residentId;
  }
  const pass = checkAnyToken(token, at, checkKeys);
  if (!pass.ok) throw new AppError('INVALID_ARGUMENT', '通行码无效或已过期，请住户刷新后再扫', 'token');
  return pass.residentId;
}

/** The resident, if in the caller's scope: a grid worker's grids, or a medic's enclosure. */
export async function inScope(user: Stored<UserDoc>, residentId: string): Promise<Stored<ResidentDoc>> {
  const resident = await findById<ResidentDoc>('residents', residentId);
  if (!resident) throw notFound('住户不存在');
  const medic = hasRole(user, 'medic') && user.enclosureId === resident.enclosureId;
  if (!medic && !(hasRole(user, 'grid_worker') && (await gridBuildingIds(user)).includes(resident.buildingId)))
    throw denied('该住户不在您负责的范围');
  return resident;
}
