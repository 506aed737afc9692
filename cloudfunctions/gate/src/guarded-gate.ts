import { findById } from '../../../server/db';
import { denied, notFound } from '../../../server/errors';
import type { UserDoc } from '../../../server/users';

/** The gate a guard checks a visitor or a vehicle at: one of theirs, and still there (one read). */
export async function guardedGate(guard: UserDoc, gateId: string): Promise<{ enclosureId: string }> {
  if (!(guard.gateIds ?? []).includes(gateId)) throw denied('您不在该卡口值守');
  const gate = await findById<{ enclosureId: string }>('gates', gateId);
  if (!gate) throw notFound('卡口不存在');
  return gate;
}
