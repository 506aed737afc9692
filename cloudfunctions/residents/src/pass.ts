/** 通行码: the current status with its reasons, and a short-lived signed token for the QR code. */
import { issueSignedToken } from '../../../core/signed-pass';
import type { PassView } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { findById } from '../../../server/db';
import { passKeys } from '../../../server/pass-key';
import { id, input, v } from '../../../server/schema';
import { StatusDoc, currentStatus, recomputeStatus, viewOf } from '../../../server/status';
import { Self, actingFor } from '../../../server/household';

const REFRESH_BEFORE_EXPIRY_MS = 30_000;

/** The signing keys; a missing or short key is a deployment fault, answered plainly (never a weak pass). */
export const passSigning = () => passKeys('通行码服务未配置密钥，请联系街道管理员');

export const pass = {
  who: 'resident',
  input: input({ residentId: v.optional(id('家庭成员')) }),
  run: ({ residentId }, { self }) => passOf(self, residentId),
} satisfies Def<'residents', 'pass'>;

async function passOf(self: Self, residentId: string | undefined): Promise<PassView> {
  const at = now();
  const target = await actingFor(self, residentId);
  const stored =
    (await findById<StatusDoc>('statuses', target.residentId)) ?? (await recomputeStatus(target.residentId, at));
  const enclosure = await findById<{ name: string }>('enclosures', stored.enclosureId);
  const { signing, envId } = passSigning();
  // Ed25519: the gate checks it online, and a guard's phone can check it offline with the public key.
  const { token, expiresAt } = issueSignedToken(
    { residentId: target.residentId, householdId: stored.householdId, enclosureId: stored.enclosureId },
    at,
    { key: signing, envId },
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
    serverTime: at.toISOString(),
  };
}
