/** 健康申报: for oneself or a household member; idempotent per request id. */
import { parseReport } from '../../../core/declaration';
import type { ReportRequest, ResidentsContract } from '../../../typings';
import { now } from '../../../server/clock';
import { findById, insertOnce } from '../../../server/db';
import { Def, RequestOf } from '../../../server/action';
import { validatedBy } from '../../../server/schema';
import { idFor } from '../../../server/ids';
import { DeclarationDoc, recomputeStatus, viewOf } from '../../../server/status';
import { Self, actingFor } from '../../../server/household';

/** Declarations are personal health data: kept 28 days, then removed by the retention job. */

export const report = {
  who: 'resident',
  // core/declaration checks every field (trips, dates, area codes) and says which is wrong.
  input: validatedBy<ReportRequest>((raw) => parseReport(raw, now())),
  run: (input, { self }) => declare(self, input),
} satisfies Def<'residents', 'report'>;

async function declare(
  self: Self,
  request: RequestOf<'residents', 'report'>,
): Promise<ResidentsContract['report']['response']> {
  const at = now();
  const parsed = parseReport(request as unknown as Record<string, unknown>, at);
  const target = await actingFor(self, parsed.residentId);
  const id = idFor('dec', self.openid, parsed.requestId);
  const doc: DeclarationDoc & { _id: string } = {
    _id: id,
    ...parsed.declaration,
    residentId: target.residentId,
    householdId: target.resident.householdId,
    declaredBy: self.openid,
  };
  const stored = await insertOnce('declarations', doc);
  // A retry: the declaration is already there; the status is recomputed (harmless) and answered.
  const residentId = stored
    ? target.residentId
    : ((await findById<DeclarationDoc>('declarations', id))?.residentId ?? target.residentId);
  const status = await recomputeStatus(residentId, at);
  return { residentId, status: viewOf(status), duplicate: !stored };
}
