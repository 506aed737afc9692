/**
 * 打卡提醒: while a check-in window is open, each isolated resident of a page who has not checked in
 * yet — or, for a member without WeChat, the household head — is reminded once per window, if they
 * granted a message. The page's reminders, residents and heads are read in one query each.
 */
import { openWindow } from '../../../core/checkin';
import { formatMomentCst } from '../../../core/time';
import { findAll, insertOnce } from '../../../server/db';
import { sendWithGrant } from '../../../server/notify';
import type { CheckinDoc } from './isolation-orders';

type ResidentDoc = { _id: string; openid?: string; householdId: string; maskedName: string };

export async function remindPage(residentIds: string[], at: Date, checkinsOf: Map<string, CheckinDoc[]>) {
  const window = openWindow(at);
  const templateId = process.env.CHECKIN_REMINDER_TEMPLATE;
  if (!window || !templateId) return 0;
  const due = residentIds.filter((id) => !(checkinsOf.get(id) ?? []).some((c) => c.windowKey === window.key));
  if (due.length === 0) return 0;
  const reminderId = (residentId: string) => `${residentId}-${window.key}`;
  const reminded = new Set(
    (await findAll('reminders', { _id: { $in: due.map(reminderId) } }, { fields: { _id: true } })).map((d) => d._id),
  );
  const toRemind = due.filter((id) => !reminded.has(reminderId(id)));
  if (toRemind.length === 0) return 0;
  const residents = new Map(
    (await findAll<ResidentDoc>('residents', { _id: { $in: toRemind } })).map((r) => [r._id, r]),
  );
  const headOpenids = await headsOf([...residents.values()].filter((r) => !r.openid));
  let sent = 0;
  for (const residentId of toRemind) {
    // Recorded before sending: a run redone after a kill does not remind twice.
    if (!(await insertOnce('reminders', { _id: reminderId(residentId), residentId, at }))) continue;
    const resident = residents.get(residentId);
    const openid = resident?.openid ?? (resident && headOpenids.get(resident.householdId));
    if (!openid || !resident) continue;
    const delivered = await sendWithGrant(openid, {
      templateId,
      page: `pages/isolation/isolation?residentId=${residentId}`,
      data: { thing1: { value: `${resident.maskedName} 隔离测温打卡` }, time2: { value: formatMomentCst(window.end) } },
    });
    if (delivered) sent++;
  }
  return sent;
}

/** The household head's openid for each household of these members (two reads). */
async function headsOf(members: ResidentDoc[]): Promise<Map<string, string>> {
  if (members.length === 0) return new Map();
  const households = await findAll<{ headResidentId: string }>(
    'households',
    { _id: { $in: [...new Set(members.map((m) => m.householdId))] } },
    { fields: { headResidentId: true } },
  );
  const heads = await findAll<{ openid?: string }>(
    'residents',
    { _id: { $in: households.map((h) => h.headResidentId) } },
    { fields: { openid: true } },
  );
  const openidOf = new Map(heads.map((h) => [h._id, h.openid]));
  const out = new Map<string, string>();
  for (const h of households) {
    const openid = openidOf.get(h.headResidentId);
    if (openid) out.set(h._id, openid);
  }
  return out;
}
