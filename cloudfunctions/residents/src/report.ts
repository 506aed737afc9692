/** 健康申报: for oneself or a household member; idempotent per request id. */
import { parseReport } from '../../../core/declaration';
import { DAY_MS } from '../../../core/time';
import type { ReportRequest, ResidentsContract } from '../../../typings';
import { now } from '../../../server/clock';
import { findById, insertOnce } from '../../../server/db';
import type { Caller } from '../../../server/handler';
import { idFor } from '../../../server/ids';
import { DeclarationDoc, recomputeStatus, viewOf } from '../../../server/status';
import { actingFor, requireResident } from '../../../server/household';

/** Declarations are personal health data: kept 28 days, then removed by the retention job. */
export const DECLARATION_RETENTION_DAYS = 28;

export async function report(
  payload: Partial<ReportRequest>,
  caller: Caller,
): Promise<ResidentsContract['report']['response']> {
  const at = now();
  const parsed = parseReport(payload as Record<string, unknown>, at);
  const self = await requireResident(caller);
  const target = await actingFor(self, parsed.residentId);
  const id = idFor('dec', self.openid, parsed.requestId);
  const doc: DeclarationDoc & { _id: string } = {
    _id: id,
    ...parsed.declaration,
    residentId: target.residentId,
    householdId: target.resident.householdId,
    declaredBy: self.openid,
    expireAt: new Date(at.getTime() + DECLARATION_RETENTION_DAYS * DAY_MS),
  };
  const stored = await insertOnce('declarations', doc);
  // A retry: the declaration is already there; the status is recomputed (harmless) and answered.
  const residentId = stored
    ? target.residentId
    : ((await findById<DeclarationDoc>('declarations', id))?.residentId ?? target.residentId);
  const status = await recomputeStatus(residentId, at);
  return { residentId, status: viewOf(status), duplicate: !stored };
}
