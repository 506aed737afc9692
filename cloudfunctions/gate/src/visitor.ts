/**
 * 亲友来访 at the gate: a visitor is let in only at the gates of the host's enclosure, on the days a
 * grid worker approved (a host's request, visits.ts, or a worker's walk-in registration here), and
 * found by the phone number they give the guard. A visitor's passage is logged under the host
 * household but never counts against its outing quota. Only the visitor's masked name and phone,
 * and a keyed hash of the phone for matching, are kept; the registration expires with its period.
 */
import { feverAtGate, verdictText } from '../../../core/gate';
import { maskName, maskPhone } from '../../../core/mask';
import { DAY_MS } from '../../../core/time';
import { visitorVerdict } from '../../../core/visit';
import type { Verdict } from '../../../typings';
import { now } from '../../../server/clock';
import { Def, RequestOf } from '../../../server/action';
import { Stored, findById, findMany, insert, insertOnce } from '../../../server/db';
import { notFound } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { hashPhone } from '../../../server/pii';
import { id, input, int, mobile, num, oneOf, requestId, text } from '../../../server/schema';
import { currentRules } from '../../../server/status';
import { UserDoc, requireGridOf } from '../../../server/users';
import { guardedGate } from './guarded-gate';
import { VisitDoc, stateOf } from './visits';

interface HouseholdDoc {
  enclosureId: string;
  buildingId: string;
  unit: number;
  room: string;
}

export const registerVisitor = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以登记访客',
  input: input({
    requestId: requestId(),
    householdId: id('来访住户'),
    visitorName: text('访客姓名', { min: 2, max: 20 }),
    visitorPhone: mobile(),
    reason: text('来访事由', { min: 2, max: 100 }),
    days: int('有效天数', 1, 3),
  }),
  run: (input, { user }) => register(user, input),
} satisfies Def<'gate', 'registerVisitor'>;

async function register(
  worker: Stored<UserDoc>,
  {
    requestId,
    householdId,
    visitorName: name,
    visitorPhone: phone,
    reason,
    days,
  }: RequestOf<'gate', 'registerVisitor'>,
): Promise<{ exceptionId: string; validUntil: string }> {
  const household = await findById<HouseholdDoc>('households', householdId);
  if (!household) throw notFound('住户不存在');
  await requireGridOf(worker, household.buildingId);
  const building = await findById<{ name: string }>('buildings', household.buildingId);
  const at = now();
  const validUntil = new Date(at.getTime() + days * DAY_MS);
  const exceptionId = idFor('visit', worker._id, requestId);
  await insertOnce<Stored<VisitDoc> & { createdBy: string }>('visitor_exceptions', {
    _id: exceptionId,
    state: 'approved', // the grid worker who would approve it is the one registering
    householdId,
    enclosureId: household.enclosureId,
    buildingId: household.buildingId,
    household: `${building?.name ?? ''}${household.unit}单元${household.room}室`,
    visitorMaskedName: maskName(name),
    visitorPhoneMasked: maskPhone(phone),
    visitorPhoneHash: hashPhone(phone),
    reason,
    validFrom: at,
    validUntil,
    createdBy: worker._id,
    createdAt: at,
  });
  return { exceptionId, validUntil: validUntil.toISOString() };
}

export const visitor = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以扫码核验',
  input: input({
    gateId: id('卡口'),
    direction: oneOf('进出方向', ['in', 'out']),
    visitorPhone: mobile(),
    temperature: num('体温', 34, 43), // 逢人必测: visitors too
  }),
  run: (input, { user }) => admitVisitor(user, input),
} satisfies Def<'gate', 'visitor'>;

async function admitVisitor(
  guard: Stored<UserDoc>,
  { gateId, direction, visitorPhone: phone, temperature }: RequestOf<'gate', 'visitor'>,
): Promise<Verdict> {
  const at = now();
  const [gate, rules] = await Promise.all([guardedGate(guard, gateId), currentRules()]);
  // The open requests of this number at this enclosure (approved or waiting; walk-ins from before
  // requests have no state): the verdict says why none admits. Refused and cancelled ones are left
  // out, so nobody can push a real visit out of the 20 by asking and cancelling.
  const requests = await findMany<VisitDoc>(
    'visitor_exceptions',
    {
      enclosureId: gate.enclosureId,
      visitorPhoneHash: hashPhone(phone),
      state: { $in: ['approved', 'pending', null] },
    },
    { orderBy: ['validUntil', 'desc'], limit: 20 },
  );
  const { code, visit } = visitorVerdict(
    requests.map((r) => ({ ...r, state: stateOf(r) })),
    { at, direction, fever: feverAtGate(temperature, rules) },
  );
  const allowed = code === 'visitor_allowed';
  const shown = allowed ? visit : null;
  const logId = await insert('gate_logs', {
    gateId,
    direction,
    at,
    guard: guard._id,
    temperature,
    visitor: true,
    enclosureId: gate.enclosureId,
    householdId: visit?.householdId ?? null,
    visitId: visit?._id ?? null,
    residentId: null,
    maskedName: shown?.visitorMaskedName ?? null,
    colour: null,
    allowed,
    code,
  });
  return {
    allowed,
    colour: null,
    reason: verdictText(code),
    maskedName: shown?.visitorMaskedName ?? null,
    // The guard checks the visitor names the flat they visit.
    household: shown?.household ? `探访 ${shown.household}` : null,
    buildingUnit: null,
    temperature,
    logId,
  };
}
