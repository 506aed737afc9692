/**
 * 来访申请: the host resident asks for a visitor on given days (the visitor's name and phone are
 * masked at once; a keyed hash of the phone is kept for the gate), a grid worker of the host's
 * grid approves or refuses with a reason, and the host may cancel. The gate (visitor.ts) then
 * admits the visitor at the host's enclosure on those days only. Stored in `visitor_exceptions`
 * beside the walk-in registrations a grid worker makes, which are approved as they are made.
 */
import { isPending } from '../../../core/acting';
import { maskName, maskPhone } from '../../../core/mask';
import { DAY_MS, cstDateOf } from '../../../core/time';
import { VISIT_OPEN_MAX, VisitState, visitWindow } from '../../../core/visit';
import type { VisitEntry } from '../../../typings';
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { Stored, countWhere, findAll, findById, findMany, insertOnce, updateWhere } from '../../../server/db';
import { AppError, denied, invalid, notFound } from '../../../server/errors';
import type { Self } from '../../../server/household';
import { idFor } from '../../../server/ids';
import { hashPhone } from '../../../server/pii';
import { id, input, mobile, oneOf, requestId, text, v } from '../../../server/schema';
import { StatusDoc, currentStatus } from '../../../server/status';
import { UserDoc, gridBuildingIds, requireGridOf } from '../../../server/users';

export interface VisitDoc {
  /** Absent on walk-in registrations made before requests existed: those were approved. */
  state?: VisitState;
  householdId: string;
  enclosureId: string;
  buildingId?: string;
  household?: string;
  hostMaskedName?: string;
  visitorMaskedName: string;
  visitorPhoneMasked: string;
  visitorPhoneHash: string;
  reason: string;
  validFrom: Date;
  validUntil: Date;
  answer?: string;
  /** Cancelled by the host after it began: it ended then (validUntil), and the visitor may still leave. */
  cancelledAt?: Date;
  createdAt: Date;
}

/** The state the gate goes by. */
export const stateOf = (doc: VisitDoc): VisitState => doc.state ?? 'approved';
/** The state the host and the worker read: a visit ended by its host reads 已取消. */
const shownStateOf = (doc: VisitDoc): VisitState => (doc.cancelledAt ? 'cancelled' : stateOf(doc));

/** Whether anyone of the household is red now (home isolation, a fever): then no visitors. */
async function householdIsolated(householdId: string, at: Date): Promise<boolean> {
  const members = await findMany<StatusDoc>('statuses', { householdId }, { limit: 50 });
  return members.some((s) => currentStatus(s, at).colour === 'red');
}

function entryOf(doc: Stored<VisitDoc>): VisitEntry {
  return {
    id: doc._id,
    state: shownStateOf(doc),
    visitorMaskedName: doc.visitorMaskedName,
    visitorPhoneMasked: doc.visitorPhoneMasked,
    reason: doc.reason,
    fromDate: cstDateOf(doc.validFrom),
    // validUntil is the midnight after the last day.
    toDate: cstDateOf(new Date(doc.validUntil.getTime() - 1)),
    household: doc.household ?? '',
    hostMaskedName: doc.hostMaskedName ?? '',
    answer: doc.answer ?? null,
    createdAt: doc.createdAt.toISOString(),
  };
}

const dateText = (label: string) => text(label, { min: 10, max: 10 });

export const requestVisit = {
  who: 'resident',
  input: input({
    requestId: requestId(),
    visitorName: text('访客姓名', { min: 2, max: 20 }),
    visitorPhone: mobile(),
    fromDate: dateText('来访日期'),
    toDate: dateText('离开日期'),
    reason: text('来访事由', { min: 2, max: 100 }),
  }),
  run: (input, { self }) => ask(self, input),
} satisfies Def<'gate', 'requestVisit'>;

async function ask(self: Self, request: RequestOf<'gate', 'requestVisit'>) {
  const { resident } = self;
  // Someone who only registered at the flat speaks for no one there, nor lets strangers in.
  if (isPending(resident)) throw denied('户主确认或网格员核实后才能申请访客');
  const at = now();
  const visitId = idFor('visit', self.openid, request.requestId);
  // A retry first: the request stands as made, even after midnight moved "today".
  const earlier = await findById<VisitDoc>('visitor_exceptions', visitId);
  if (earlier) return { visitId, state: shownStateOf(earlier) };
  const window = visitWindow(request.fromDate, request.toDate, at);
  if ('field' in window) throw invalid(window.field, window.message);
  const [isolated, open] = await Promise.all([
    householdIsolated(resident.householdId, at),
    countWhere('visitor_exceptions', {
      householdId: resident.householdId,
      state: { $in: ['pending', 'approved'] },
      validUntil: { $gt: at },
    }),
  ]);
  if (isolated) throw new AppError('FAILED_PRECONDITION', '居家隔离期间谢绝访客');
  if (open >= VISIT_OPEN_MAX) throw new AppError('RESOURCE_EXHAUSTED', `本户最多同时申请${VISIT_OPEN_MAX}位访客`);
  await insertOnce<Stored<VisitDoc> & { requestedBy: string }>('visitor_exceptions', {
    _id: visitId,
    state: 'pending',
    householdId: resident.householdId,
    enclosureId: resident.enclosureId,
    buildingId: resident.buildingId,
    household: `${resident.buildingName}${resident.unit}单元${resident.room}室`,
    hostMaskedName: resident.maskedName,
    visitorMaskedName: maskName(request.visitorName),
    visitorPhoneMasked: maskPhone(request.visitorPhone),
    visitorPhoneHash: hashPhone(request.visitorPhone),
    reason: request.reason,
    ...window,
    requestedBy: self.openid,
    createdAt: at,
  });
  return { visitId, state: 'pending' as const };
}

/** The host household's visits that are open, or ended in the last 3 days (so a refusal is read). */
export const myVisits = {
  who: 'resident',
  input: input({}),
  run: async (_input, { self }) => {
    if (isPending(self.resident)) throw denied('户主确认或网格员核实后才能查看本户访客');
    const visits = await findMany<VisitDoc>(
      'visitor_exceptions',
      { householdId: self.resident.householdId, validUntil: { $gt: new Date(now().getTime() - 3 * DAY_MS) } },
      { orderBy: ['validUntil', 'desc'], limit: 50 },
    );
    return visits.map(entryOf);
  },
} satisfies Def<'gate', 'myVisits'>;

export const cancelVisit = {
  who: 'resident',
  input: input({ visitId: id('来访申请') }),
  run: async ({ visitId }, { self }) => {
    if (isPending(self.resident)) throw denied('户主确认或网格员核实后才能管理本户访客');
    const visit = await findById<VisitDoc>('visitor_exceptions', visitId);
    if (!visit || visit.householdId !== self.resident.householdId) throw notFound('来访申请不存在');
    if (shownStateOf(visit) === 'cancelled') return { visitId, state: 'cancelled' as const };
    const at = now();
    // A visit under way ends now rather than vanishing: the visitor inside is still let out.
    const begun = stateOf(visit) === 'approved' && visit.validFrom <= at;
    const changed = await updateWhere(
      'visitor_exceptions',
      { _id: visitId, state: { $in: ['pending', 'approved'] }, cancelledAt: null },
      begun
        ? { validUntil: at, cancelledBy: self.openid, cancelledAt: at }
        : { state: 'cancelled', cancelledBy: self.openid, cancelledAt: at },
    );
    if (changed === 0) throw new AppError('CONFLICT', '该申请已处理，无法取消');
    return { visitId, state: 'cancelled' as const };
  },
} satisfies Def<'gate', 'cancelVisit'>;

/** A grid worker's: the requests of their buildings waiting (oldest first), and approved visits not over. */
export const visits = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以审批访客',
  input: input({}),
  run: async (_input, { user }) => {
    const buildingIds = await gridBuildingIds(user);
    const at = now();
    const [pending, approved] = await Promise.all([
      findAll<VisitDoc>(
        'visitor_exceptions',
        { buildingId: { $in: buildingIds }, state: 'pending', validUntil: { $gt: at } },
        { max: 5000 },
      ),
      findMany<VisitDoc>(
        'visitor_exceptions',
        { buildingId: { $in: buildingIds }, state: 'approved', validUntil: { $gt: at } },
        { orderBy: ['validUntil', 'asc'], limit: 100 },
      ),
    ]);
    pending.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id));
    return { pending: pending.map(entryOf), approved: approved.map(entryOf) };
  },
} satisfies Def<'gate', 'visits'>;

export const decideVisit = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以审批访客',
  input: v.pipe(
    input({
      visitId: id('来访申请'),
      decision: oneOf('审批结果', ['approve', 'refuse']),
      answer: v.optional(text('不批准理由', { min: 2, max: 100 })),
    }),
    v.forward(
      v.check((i) => i.decision !== 'refuse' || i.answer !== undefined, '请填写不批准理由'),
      ['answer'],
    ),
  ),
  run: (input, { user }) => decide(user, input),
} satisfies Def<'gate', 'decideVisit'>;

async function decide(worker: Stored<UserDoc>, { visitId, decision, answer }: RequestOf<'gate', 'decideVisit'>) {
  const visit = await findById<VisitDoc>('visitor_exceptions', visitId);
  if (!visit?.buildingId) throw notFound('来访申请不存在');
  await requireGridOf(worker, visit.buildingId, '该住户不在您负责的网格');
  const state: VisitState = decision === 'approve' ? 'approved' : 'refused';
  if (stateOf(visit) === state) return { visitId, state }; // a retry
  const at = now();
  if (visit.validUntil.getTime() <= at.getTime()) throw new AppError('FAILED_PRECONDITION', '来访日期已过');
  if (state === 'approved' && (await householdIsolated(visit.householdId, at)))
    throw new AppError('FAILED_PRECONDITION', '该户有人居家隔离，不能批准来访');
  // Only a waiting request is decided, once: a second worker (or the host's cancel) got there first.
  const changed = await updateWhere(
    'visitor_exceptions',
    { _id: visitId, state: 'pending' },
    { state, answer: answer ?? null, decidedBy: worker._id, decidedAt: at },
  );
  if (changed === 0) throw new AppError('CONFLICT', `该申请${stateOf(visit) === 'cancelled' ? '已取消' : '已处理'}`);
  return { visitId, state };
}
