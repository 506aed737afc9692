/**
 * Creating, editing and retiring 社区, enclosures, buildings, gates and grids. Each change lands
 * with its audit record in one transaction, and the audit record's id comes from the request id,
 * so a resent request changes nothing twice. Nothing is ever deleted: retiring keeps the document
 * (gate logs, statuses and orders keep pointing at it) and stops new use.
 */
import {
  ENCLOSURE_TYPES,
  ROOM_SCHEMES,
  gridBuildingsProblem,
  reshapeProblem,
  retireProblem,
} from '../../../core/estate';
import type { EstateKind, Person, Saved } from '../../../typings';
import { personInput, sealPerson } from '../../../server/persons';
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { Stored, aggregate, countWhere, findById, findMany } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { code, id, input, int, list, oneOf, requestId, text, v } from '../../../server/schema';
import { inTransaction } from '../../../server/transaction';
import { UserDoc, hasRole } from '../../../server/users';
import { CommunityDoc, enclosureInScope, requireCommunityScope } from './scope';

const COLLECTION: Record<EstateKind, string> = {
  community: 'communities',
  enclosure: 'enclosures',
  building: 'buildings',
  gate: 'gates',
  grid: 'grids',
};
const LABEL: Record<EstateKind, string> = {
  community: '社区',
  enclosure: '围合区',
  building: '楼栋',
  gate: '卡口',
  grid: '网格',
};
const ADMINS = ['admin', 'community_admin'] as const;
const DENIED = '仅街道或社区管理员可以管理围合区';

/**
 * `code`: on creation only, the street's own code for the thing (its 明细表 numbering, e.g.
 * enc-chunhua), which becomes its id; without one an id is made from the request.
 */
const common = {
  id: v.optional(id('编号')),
  code: v.optional(code('编码')),
  requestId: requestId(),
};
const inEnclosure = { enclosureId: id('所属围合区'), name: text('名称', { max: 30 }) };

export const save = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: v.variant(
    'kind',
    [
      input({ kind: v.literal('community'), ...common, name: text('社区名称', { max: 30 }) }),
      input({
        kind: v.literal('enclosure'),
        ...common,
        communityId: id('所属社区'),
        name: text('围合区名称', { max: 30 }),
        type: oneOf('围合区类型', ENCLOSURE_TYPES),
        address: text('地址', { min: 0, max: 80 }),
        contact: personInput('联系人'),
        responsible: personInput('包干责任人'),
      }),
      input({
        kind: v.literal('building'),
        ...common,
        ...inEnclosure,
        units: int('单元数', 1, 30),
        floors: int('层数', 1, 99),
        roomScheme: oneOf('房号方式', ROOM_SCHEMES),
        contact: personInput('联系人'),
        responsible: personInput('包干责任人'),
      }),
      input({ kind: v.literal('gate'), ...common, ...inEnclosure, vehicles: v.boolean('请选择是否通行车辆') }),
      input({ kind: v.literal('grid'), ...common, ...inEnclosure, buildingIds: list('楼栋', id('楼栋'), 200) }),
    ],
    '类别无效',
  ),
  run: (input, { user }) => saveThing(user, input),
} satisfies Def<'estate', 'save'>;

type SaveInput = RequestOf<'estate', 'save'>;
type Doc = Record<string, unknown> & { retiredAt?: Date; roomScheme?: string };

/** The fields to store for the request, after checking its parent and scope against the database. */
async function fieldsToStore(user: Stored<UserDoc>, request: SaveInput): Promise<Record<string, unknown>> {
  const { kind: _kind, id: _id, code: _code, requestId: _r, ...sent } = request;
  // Phones of the responsible persons are sealed before anything is stored or audited.
  const fields: Record<string, unknown> = { ...sent };
  for (const key of ['contact', 'responsible'] as const)
    if (key in sent) fields[key] = sealPerson((sent as { [k in typeof key]?: Person | null })[key]);
  if (request.kind === 'community') {
    if (!hasRole(user, 'admin')) throw denied('仅街道管理员可以设立社区');
    return fields;
  }
  if (request.kind === 'enclosure') {
    requireCommunityScope(user, request.communityId);
    const community = await findById<CommunityDoc>('communities', request.communityId);
    if (!community) throw new AppError('INVALID_ARGUMENT', '社区不存在', 'communityId');
    if (community.retiredAt) throw new AppError('FAILED_PRECONDITION', '该社区已停用', 'communityId');
    return { ...fields, community: community.name };
  }
  const enclosure = await enclosureInScope(user, request.enclosureId);
  if (enclosure.retiredAt) throw new AppError('FAILED_PRECONDITION', '该围合区已停用', 'enclosureId');
  if (request.kind === 'grid') await checkGridBuildings(request.enclosureId, request.buildingIds, request.id);
  return fields;
}

/** Each building live, of this enclosure, and in no other live grid (a building has one 网格员 team). */
async function checkGridBuildings(enclosureId: string, buildingIds: string[], gridId: string | undefined) {
  const found = buildingIds.length
    ? await findMany<{ enclosureId: string; retiredAt?: Date }>(
        'buildings',
        { _id: command.in(buildingIds) },
        { limit: 200 },
      )
    : [];
  const problem = gridBuildingsProblem(enclosureId, buildingIds, found);
  if (problem) throw new AppError('INVALID_ARGUMENT', problem, 'buildingIds');
  const [other] = await findMany<{ name: string }>(
    'grids',
    {
      enclosureId,
      buildingIds: command.in(buildingIds),
      retiredAt: command.exists(false),
      ...(gridId ? { _id: command.neq(gridId) } : {}),
    },
    { limit: 1 },
  );
  if (other) throw new AppError('CONFLICT', `所选楼栋已属于「${other.name}」，请先从该网格移出`, 'buildingIds');
}

/**
 * An edit may not strand anyone: the parent stays, and a building keeps the units and floors people
 * live on. A document from before the hierarchy (no parent stored) gets one only from the street
 * admin: otherwise a community admin could claim it by naming their own 社区.
 */
async function checkEdit(user: UserDoc, kind: EstateKind, before: Doc, next: Record<string, unknown>, id: string) {
  for (const parent of ['communityId', 'enclosureId']) {
    if (!(parent in next)) continue;
    if (before[parent] === undefined && !hasRole(user, 'admin')) throw denied('请由街道管理员指定所属社区');
    if (before[parent] !== undefined && before[parent] !== next[parent])
      throw new AppError('INVALID_ARGUMENT', `不能更改所属${parent === 'communityId' ? '社区' : '围合区'}`, parent);
  }
  if (kind !== 'building') return;
  const { list } = await aggregate('residents')
    .match({ buildingId: id })
    .group({ _id: null, unit: { $max: '$unit' }, floor: { $max: '$floor' } })
    .end();
  const highest = list[0] as { unit: number; floor: number | null } | undefined;
  if (highest && (before.roomScheme ?? 'numbered') !== next.roomScheme)
    throw new AppError('FAILED_PRECONDITION', '该楼已有住户登记，不能更改房号方式', 'roomScheme');
  const problem = reshapeProblem(next as { units: number; floors: number }, highest ? [highest] : []);
  if (problem) throw new AppError('FAILED_PRECONDITION', problem, problem.includes('单元') ? 'units' : 'floors');
}

async function saveThing(user: Stored<UserDoc>, request: SaveInput): Promise<Saved> {
  const { kind, requestId: rid } = request;
  if (request.id && request.code) throw new AppError('INVALID_ARGUMENT', '编码只能在新建时填写', 'code');
  const docId = request.id ?? request.code ?? idFor(kind.slice(0, 3), user._id, rid);
  // The kind is part of it: one request id reused for another kind is another request.
  const auditId = idFor('aud', user._id, `${kind}:${rid}`);
  // A resend of a request that already landed answers as the first time did, before any check
  // that its own first landing would now fail (the grid's buildings are the grid's own).
  if (await findById('audit_logs', auditId)) return { kind, id: docId, created: !request.id };
  const fields = await fieldsToStore(user, request);
  const collection = COLLECTION[kind];
  if (request.id) {
    const before = await findById<Doc>(collection, request.id);
    if (!before) throw notFound(`${LABEL[kind]}不存在`);
    // The scope was checked on the parent the request names; the edited thing must be in it.
    await checkEdit(user, kind, before, fields, request.id);
  }
  const at = now();
  return inTransaction(async (w) => {
    const { _id: _ignored, ...before } = (await w.get<Doc>(collection, docId)) ?? { _id: docId };
    const existed = Object.keys(before).length > 0;
    const after = existed
      ? { ...before, ...fields, updatedAt: at, updatedBy: user._id }
      : { ...fields, createdAt: at, createdBy: user._id };
    // The audit record first: if it is there, this is a resend (perhaps racing its first landing),
    // answered as the first time. A refusal below aborts the transaction, the record with it.
    const fresh = await w.insert('audit_logs', auditId, {
      at,
      actor: user._id,
      action: `estate_${existed ? 'edit' : 'create'}_${kind}`,
      target: docId,
      before: existed ? before : null,
      after,
      note: '',
    });
    if (!fresh) return { kind, id: docId, created: !request.id };
    if (request.id && !existed) throw notFound(`${LABEL[kind]}不存在`);
    if (!request.id && existed)
      throw request.code
        ? new AppError('CONFLICT', `编码 ${request.code} 已被使用`, 'code')
        : new AppError('CONFLICT', '请求编号重复，请刷新后重试', 'requestId');
    if (before.retiredAt) throw new AppError('FAILED_PRECONDITION', `该${LABEL[kind]}已停用，不能修改`);
    await w.set(collection, docId, after);
    return { kind, id: docId, created: !existed };
  });
}

export const retire = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({
    kind: oneOf('类别', ['community', 'enclosure', 'building', 'gate', 'grid']),
    id: id('编号'),
    reason: text('停用原因', { min: 2, max: 200 }),
  }),
  run: (input, { user }) => retireThing(user, input),
} satisfies Def<'estate', 'retire'>;

const ACTIVE = { retiredAt: command.exists(false) };

/** What still lives under it: live children, and residents registered in it. */
async function dependentsOf(kind: EstateKind, id: string) {
  if (kind === 'community')
    return { activeChildren: await countWhere('enclosures', { communityId: id, ...ACTIVE }), residents: 0 };
  if (kind === 'enclosure') {
    const counts = await Promise.all(
      ['buildings', 'gates', 'grids'].map((c) => countWhere(c, { enclosureId: id, ...ACTIVE })),
    );
    return { activeChildren: counts.reduce((a, b) => a + b, 0), residents: 0 };
  }
  if (kind === 'building') return { activeChildren: 0, residents: await countWhere('residents', { buildingId: id }) };
  return { activeChildren: 0, residents: 0 };
}

async function retireThing(user: Stored<UserDoc>, { kind, id: targetId, reason }: RequestOf<'estate', 'retire'>) {
  const doc = await findById<Doc & { communityId?: string; enclosureId?: string }>(COLLECTION[kind], targetId);
  if (!doc) throw notFound(`${LABEL[kind]}不存在`);
  if (kind === 'community') {
    if (!hasRole(user, 'admin')) throw denied('仅街道管理员可以停用社区');
  } else if (kind === 'enclosure') requireCommunityScope(user, doc.communityId);
  else await enclosureInScope(user, doc.enclosureId ?? '');
  if (doc.retiredAt) return { kind, id: targetId, retiredAt: doc.retiredAt.toISOString() };
  const problem = retireProblem(kind, await dependentsOf(kind, targetId));
  if (problem) throw new AppError('FAILED_PRECONDITION', problem, 'id');
  if (kind === 'building') {
    const [grid] = await findMany<{ name: string }>('grids', { buildingIds: targetId, ...ACTIVE }, { limit: 1 });
    if (grid) throw new AppError('FAILED_PRECONDITION', `该楼栋仍属于「${grid.name}」，请先从网格移出`, 'id');
  }
  const at = now();
  await inTransaction(async (w) => {
    const current = await w.get<Doc>(COLLECTION[kind], targetId);
    if (current?.retiredAt) return; // retired meanwhile by someone else: once is enough
    await w.update(COLLECTION[kind], targetId, { retiredAt: at, retiredBy: user._id, retireReason: reason });
    await w.insert('audit_logs', idFor('aud', user._id, `retire:${kind}:${targetId}`), {
      at,
      actor: user._id,
      action: `estate_retire_${kind}`,
      target: targetId,
      before: null,
      after: { retiredAt: at },
      note: reason,
    });
  });
  return { kind, id: targetId, retiredAt: at.toISOString() };
}
