/** 通行码: the current status with its reasons, and a short-lived signed token for the QR code. */
import { isUsableSecret, issueToken } from '../../../core/pass-token';
import type { PassRequest, PassView } from '../../../typings';
import { now } from '../../../server/clock';
import { findById } from '../../../server/db';
import { AppError } from '../../../server/errors';
import type { Caller } from '../../../server/handler';
import { StatusDoc, currentStatus, recomputeStatus, viewOf } from '../../../server/status';
import { actingFor, requireResident } from '../../../server/household';

const REFRESH_BEFORE_EXPIRY_MS = 30_000;

/** The signing key; a missing or short key is a deployment fault, answered plainly (never a weak pass). */
export function passSecret(): string {
  const secret = process.env.PASS_TOKEN_SECRET;
  if (!isUsableSecret(secret)) throw new AppError('FAILED_PRECONDITION', '通行码服务未配置密钥，请联系街道管理员');
  return secret;
}

export async function pass(payload: Partial<PassRequest>, caller: Caller): Promise<PassView> {
  const at = now();
  const self = await requireResident(caller);
  const target = await actingFor(self, payload.residentId);
  const stored =
    (await findById<StatusDoc>('statuses', target.residentId)) ?? (await recomputeStatus(target.residentId, at));
  const enclosure = await findById<{ name: string }>('enclosures', stored.enclosureId);
  const { token, expiresAt } = issueToken(
    { residentId: target.residentId, householdId: stored.householdId, enclosureId: stored.enclosureId },
    at,
    passSecret(),
  );
  return {
    residentId: target.residentId,
    maskedName: stored.maskedName,
    address: {
      enclosureName: enclosure?.name ?? '',
      building: stored.buildingName,
      unit: stored.unit,
      room: stored.room,
    },
    status: viewOf(currentStatus(stored, at)),
    token,
    expiresAt: expiresAt.toISOString(),
    refreshAt: new Date(expiresAt.getTime() - REFRESH_BEFORE_EXPIRY_MS).toISOString(),
  };
}
