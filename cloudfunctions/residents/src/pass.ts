/** 通行码: the current status with its reasons, and a short-lived signed token for the QR code. */
import { issueToken } from '../../../core/pass-token';
import type { PassRequest, PassView } from '../../../typings';
import { now } from '../../../server/clock';
import { findById } from '../../../server/db';
import type { Caller } from '../../../server/handler';
import { StatusDoc, currentStatus, recomputeStatus, viewOf } from '../../../server/status';
import { actingFor, requireResident } from '../../../server/household';

const REFRESH_BEFORE_EXPIRY_MS = 30_000;

export function passSecret(): string {
  const secret = process.env.PASS_TOKEN_SECRET;
  if (!secret || secret.length < 16) throw new Error('PASS_TOKEN_SECRET is not configured');
  return secret;
}

export async function pass(payload: Partial<PassRequest>, caller: Caller): Promise<PassView> {
  const at = now();
  const self = await requireResident(caller);
  const target = await actingFor(self, typeof payload.residentId === 'string' ? payload.residentId : undefined);
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
