import { findById } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import type { UserDoc } from '../../../server/users';

/** The gate a guard checks a visitor or a vehicle at: one of theirs, still open (one read). */
export async function guardedGate(guard: UserDoc, gateId: string): Promise<{ enclosureId: string }> {
  if (!(guard.gateIds ?? []).includes(gateId)) throw denied('您不在该卡口值守');
  const gate = await findById<{ enclosureId: string; retiredAt?: Date }>('gates', gateId);
  if (!gate) throw notFound('卡口不存在');
  // As for a scan (scan.ts): a closed gate lets nobody through, and logs nothing.
  if (gate.retiredAt) throw new AppError('FAILED_PRECONDITION', '该卡口已停用，请到其他卡口通行');
  return gate;
}
