/** Opening, listing, showing, closing and cancelling batches; appointing a resident as organiser (团长). */
import { checkBatchDraft } from '../../../core/groupbuy';
import { Checker } from '../../../core/validate';
import { command } from '../../../server/cloud';
import { now } from '../../../server/clock';
import { Def, RequestOf } from '../../../server/action';
import { Stored, findById, findMany, insert, insertOnce, updateWhere } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { id, input, text, validatedBy } from '../../../server/schema';
import type { ResidentDoc } from '../../../server/status';
import { UserDoc, enclosuresOf, hasRole, residentOfGrid } from '../../../server/users';
import { householdIsRed } from './contactless';
import {
  BatchDoc,
  MANAGERS_ONLY,
  GroceryOrderDoc,
  canManage,
  detailOf,
  loadBatch,
  mayShop,
  requireManager,
  requireSameEnclosure,
  summaryOf,
} from './model';

export const orderIdFor = (batchId: string, householdId: string) => idFor('gorder', batchId, householdId);

const CREATE_KEYS = [
  'action',
  'requestId',
  'title',
  'items',
  'cutoffAt',
  'deliveryStart',
  'deliveryEnd',
  'pickupPoint',
  'supplier',
];

/** The whole draft, checked field by field by core/groupbuy (items, prices in fen, dates, supplier). */
function checkCreate(raw: Record<string, unknown>): void {
  const check = new Checker();
  check.onlyKeys(raw, CREATE_KEYS);
  check.requestId(raw.requestId);
  check.done();
  checkBatchDraft(raw, now());
}

export const create = {
  who: 'staff',
  role: ['organiser', 'grid_worker'],
  denied: '仅团长或网格员可以发起团购',
  input: validatedBy<RequestOf<'groupbuy', 'create'>>(checkCreate),
  run: (input, { user }) => openBatch(user, input),
} satisfies Def<'groupbuy', 'create'>;

async function openBatch(organiser: Stored<UserDoc>, request: RequestOf<'groupbuy', 'create'>) {
  // A 团长 or grid worker organises for the enclosure they work for (their staff scope).
  if (!organiser.enclosureId) throw new AppError('FAILED_PRECONDITION', '您的账号未关联围合区，请联系街道');
  const at = now();
  const draft = checkBatchDraft(request as unknown as Record<string, unknown>, at);
  const requestId = request.requestId;
  const batchId = idFor('batch', organiser._id, requestId);
  await insertOnce<BatchDoc>('group_batches', {
    _id: batchId,
    ...draft,
    enclosureId: organiser.enclosureId,
    organiserOpenid: organiser._id,
    organiserName: organiser.name ?? '团长',
    state: 'open',
    remaining: Object.fromEntries(draft.items.map((item) => [item.id, item.stock])),
    createdAt: at,
  });
  return { batchId, sharePath: `/pages/batch/batch?id=${batchId}` };
}

export const batches = {
  who: 'anyone',
  input: input({}),
  run: async (_input, ctx) => batchesFor(await ctx.user()),
} satisfies Def<'groupbuy', 'batches'>;

async function batchesFor(user: Stored<UserDoc> | null) {
  const enclosureIds = enclosuresOf(user);
  if (enclosureIds.length === 0) throw new AppError('FAILED_PRECONDITION', '请先完成住户登记');
  const [list, doorDelivery] = await Promise.all([
    findMany<BatchDoc>(
      'group_batches',
      { enclosureId: command.in(enclosureIds) },
      { orderBy: ['createdAt', 'desc'], limit: 30 },
    ),
    redHome(user?.residentId),
  ]);
  const at = now();
  const phaseRank = { open: 0, locked: 1, cancelled: 2 };
  const summaries = list.map((b) => summaryOf(b, at)).sort((a, b) => phaseRank[a.phase] - phaseRank[b.phase]);
  return {
    batches: summaries,
    canOrganise: hasRole(user, 'organiser') || hasRole(user, 'grid_worker'),
    doorDelivery,
  };
}

/** The caller's household, when they are a registered resident (orders are per household). */
export async function householdOf(residentId: string | undefined) {
  return residentId ? findById<ResidentDoc>('residents', residentId) : null;
}

/** Whether the caller lives in a household with a red member (2 reads; none for a caller who is no resident). */
async function redHome(residentId: string | undefined): Promise<boolean> {
  const resident = await householdOf(residentId);
  return resident ? householdIsRed(resident.householdId) : false;
}

export const batch = {
  who: 'anyone',
  input: input({ batchId: id('团购') }),
  run: async ({ batchId }, ctx) => batchFor(await ctx.user(), batchId),
} satisfies Def<'groupbuy', 'batch'>;

async function batchFor(user: Stored<UserDoc> | null, batchId: string) {
  const found = await loadBatch(batchId);
  requireSameEnclosure(enclosuresOf(user), found);
  const resident = await householdOf(user?.residentId);
  // The household's order is shown only to those who may act on it.
  const [order, red] = await Promise.all([
    resident && mayShop(resident)
      ? findById<GroceryOrderDoc>('group_orders', orderIdFor(found._id, resident.householdId))
      : null,
    resident ? householdIsRed(resident.householdId) : false,
  ]);
  return detailOf(found, order, { manager: canManage(user, found), red }, now());
}

/** Stops orders now (before the planned cut-off); the orders' own cut-off moves with it. */
export const close = {
  who: 'staff',
  role: ['organiser', 'grid_worker'],
  denied: MANAGERS_ONLY,
  input: input({ batchId: id('团购') }),
  run: ({ batchId }, { user }) => closeBatch(user, batchId),
} satisfies Def<'groupbuy', 'close'>;

async function closeBatch(user: Stored<UserDoc>, batchId: string) {
  const found = await loadBatch(batchId);
  requireManager(user, found);
  const at = now();
  if (found.state === 'open' && at < found.cutoffAt) {
    await updateWhere(
      'group_batches',
      { _id: found._id, state: 'open' },
      { state: 'closed', closedAt: at, cutoffAt: at },
    );
    await updateWhere('group_orders', { batchId: found._id, cutoffAt: command.gt(at) }, { cutoffAt: at });
  }
  return summaryOf(await loadBatch(found._id), at);
}

/** Cancels the batch and every order in it (the supplier will not deliver); the reason is shown to residents. */
export const cancelBatch = {
  who: 'staff',
  role: ['organiser', 'grid_worker'],
  denied: MANAGERS_ONLY,
  input: input({ batchId: id('团购'), reason: text('取消原因', { min: 2, max: 100 }) }),
  run: (input, { user }) => cancelWhole(user, input),
} satisfies Def<'groupbuy', 'cancelBatch'>;

async function cancelWhole(user: Stored<UserDoc>, { batchId, reason }: RequestOf<'groupbuy', 'cancelBatch'>) {
  const found = await loadBatch(batchId);
  requireManager(user, found);
  if (found.state === 'cancelled') return { ...summaryOf(found, now()), cancelledOrders: 0 };
  if (found.preparedAt) throw new AppError('FAILED_PRECONDITION', '已开始拣货配送，不能取消');
  const at = now();
  const cancelled = await updateWhere(
    'group_batches',
    { _id: found._id, state: command.neq('cancelled') },
    { state: 'cancelled', cancelReason: reason, closedAt: at },
  );
  if (cancelled === 0) return { ...summaryOf(await loadBatch(found._id), at), cancelledOrders: 0 }; // a retry
  // Orders written while this runs cancel themselves (orders.followCancelledBatch).
  const cancelledOrders = await updateWhere(
    'group_orders',
    { batchId: found._id, state: 'placed' },
    { state: 'cancelled', cutoffAt: at, updatedAt: at },
  );
  await insert('audit_logs', {
    at,
    actor: user._id,
    action: 'cancel_group_batch',
    batchId: found._id,
    before: { state: found.state },
    after: { state: 'cancelled', cancelledOrders },
    note: reason,
  });
  return { ...summaryOf(await loadBatch(found._id), at), cancelledOrders };
}

/** A grid worker makes a resident of their grid a 团长 for the resident's enclosure. */
export const appoint = {
  who: 'staff',
  role: 'grid_worker',
  denied: '仅网格员可以指定团长',
  input: input({ residentId: id('住户') }),
  run: ({ residentId }, { user }) => appointOrganiser(user, residentId),
} satisfies Def<'groupbuy', 'appoint'>;

async function appointOrganiser(worker: Stored<UserDoc>, residentId: string) {
  const resident = await residentOfGrid(worker, residentId);
  const user = resident.openid ? await findById<UserDoc>('users', resident.openid) : null;
  if (!user) throw new AppError('FAILED_PRECONDITION', '该住户尚未在小程序中登记，无法指定为团长');
  if (user.roles.includes('organiser')) return { residentId, maskedName: resident.maskedName }; // already (a retry)
  // A 团长 organises for the enclosure they live in; that becomes their staff scope.
  if (user.enclosureId && user.enclosureId !== resident.enclosureId)
    throw new AppError('FAILED_PRECONDITION', '该住户已是其他围合区的工作人员，不能在此担任团长');
  await updateWhere(
    'users',
    { _id: user._id },
    { roles: command.addToSet('organiser'), enclosureId: resident.enclosureId },
  );
  await insert('audit_logs', {
    at: now(),
    actor: worker._id,
    action: 'appoint_organiser',
    residentId,
    before: null,
    after: { role: 'organiser' },
    note: '',
  });
  return { residentId, maskedName: resident.maskedName };
}
