/**
 * 亲友来访: visitors are refused at the gate unless a grid worker of the host household's grid
 * registered them for these days, and only at the gates of the host's enclosure. A visitor's
 * passage is logged under the host household but never counts against its outing quota. Only
 * the visitor's masked name and phone, and a keyed hash of the phone for matching, are kept; the
 * registration expires with its period.
 */
import { feverAtGate, verdictText } from '../../../core/gate';
import { maskName, maskPhone } from '../../../core/mask';
import { DAY_MS } from '../../../core/time';
import { isValidMobile } from '../../../core/validate';
import type { Verdict } from '../../../typings';
import { now } from '../../../server/clock';
import { Def, RequestOf } from '../../../server/action';
import { Stored, findById, findMany, insert, insertOnce } from '../../../server/db';
import { denied, notFound } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { hashPhone } from '../../../server/pii';
import { id, input, int, num, oneOf, requestId, text, v } from '../../../server/schema';
import { currentRules } from '../../../server/status';
import { UserDoc, requireGridOf } from '../../../server/users';
import { GATE_LOG_RETENTION_DAYS } from './scan';

interface HouseholdDoc {
  enclosureId: string;
  buildingId: string;
  unit: number;
  room: string;
}

const phoneOf = (label: string) =>
  v.pipe(
    text(label, { max: 11 }),
    v.check((phone) => isValidMobile(phone), '手机号格式不正确'),
  );

export const registerVisitor = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以登记访客',
  input: input({
    requestId: requestId(),
    householdId: id('来访住户'),
    visitorName: text('访客姓名', { min: 2, max: 20 }),
    visitorPhone: phoneOf('访客手机号'),
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
  const at = now();
  const validUntil = new Date(at.getTime() + days * DAY_MS);
  const exceptionId = idFor('visit', worker._id, requestId);
  await insertOnce('visitor_exceptions', {
    _id: exceptionId,
    householdId,
    enclosureId: household.enclosureId,
    visitorMaskedName: maskName(name),
    visitorPhoneMasked: maskPhone(phone),
    visitorPhoneHash: hashPhone(phone),
    reason,
    validFrom: at,
    validUntil,
    createdBy: worker._id,
    createdAt: at,
    expireAt: new Date(validUntil.getTime() + GATE_LOG_RETENTION_DAYS * DAY_MS),
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
    householdId: id('来访住户'),
    visitorPhone: phoneOf('访客手机号'),
    temperature: num('体温', 34, 43), // 逢人必测: visitors too
  }),
  run: (input, { user }) => admitVisitor(user, input),
} satisfies Def<'gate', 'visitor'>;

async function admitVisitor(
  guard: Stored<UserDoc>,
  { gateId, direction, householdId, visitorPhone: phone, temperature }: RequestOf<'gate', 'visitor'>,
): Promise<Verdict> {
  if (!(guard.gateIds ?? []).includes(gateId)) throw denied('您不在该卡口值守');
  const at = now();
  const [gate, rules, [exception]] = await Promise.all([
    findById<{ enclosureId: string }>('gates', gateId),
    currentRules(),
    findMany<{ visitorMaskedName: string; enclosureId: string }>(
      'visitor_exceptions',
      { householdId, visitorPhoneHash: hashPhone(phone), validFrom: { $lte: at }, validUntil: { $gt: at } },
      { limit: 1 },
    ),
  ]);
  if (!gate) throw notFound('卡口不存在');
  // A registration admits the visitor at the gates of the host's enclosure only.
  const fever = feverAtGate(temperature, rules);
  const allowed = !fever && !!exception && exception.enclosureId === gate.enclosureId;
  const code = fever ? 'fever_at_gate' : allowed ? 'visitor_allowed' : 'visitor_refused';
  const logId = await insert('gate_logs', {
    gateId,
    direction,
    at,
    guard: guard._id,
    temperature,
    visitor: true,
    enclosureId: gate.enclosureId,
    householdId,
    residentId: null,
    maskedName: allowed ? exception.visitorMaskedName : null,
    colour: null,
    allowed,
    code,
    expireAt: new Date(at.getTime() + GATE_LOG_RETENTION_DAYS * DAY_MS),
  });
  return {
    allowed,
    colour: null,
    reason: verdictText(code),
    maskedName: allowed ? exception.visitorMaskedName : null,
    household: null,
    buildingUnit: null,
    temperature,
    logId,
  };
}
