/**
 * The staff side: a grid worker sees the reports of their grids' buildings and of their
 * enclosure's public places; a 社区 admin those of their 社区; the street admin all. A grid worker
 * takes one or gives it to another grid worker of the enclosure, and handles it with an outcome
 * and an answer the reporter reads. Who reported is shown masked, to staff only.
 */
import { CLUE_OUTCOMES, clueStateAfter } from '../../../core/clue';
import { DAY_MS } from '../../../core/time';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { photoUrls } from '../../../server/photo';
import { Stored, findById, findMany, updateWhere } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { id, input, oneOf, text, v } from '../../../server/schema';
import { UserDoc, gridBuildingIds, hasRole } from '../../../server/users';
import { ClueDoc, caseOf } from './model';

const STAFF = ['grid_worker', 'community_admin', 'admin'] as const;
const DENIED = '仅网格员或社区、街道管理员可以处理隐患线索';
const OPEN = ['open', 'assigned'];
const LIST_MAX = 100;

export const queue = {
  who: 'staff',
  role: STAFF,
  denied: DENIED,
  input: input({ closed: v.optional(v.boolean('请选择列表')) }),
  async run({ closed = false }, { user }) {
    const state = closed
      ? { state: 'closed', closedAt: command.gt(new Date(now().getTime() - 7 * DAY_MS)) }
      : { state: command.in(OPEN) };
    const order = { orderBy: ['at', closed ? 'desc' : 'asc'] as ['at', 'asc' | 'desc'], limit: LIST_MAX };
    const found = (
      await Promise.all(
        (await scopesOf(user)).map((scope) => findMany<ClueDoc>('clues', { ...scope, ...state }, order)),
      )
    )
      .flat()
      .sort((a, b) => (closed ? +b.at - +a.at : +a.at - +b.at))
      .slice(0, LIST_MAX);
    const unique = [...new Map(found.map((c) => [c._id, c])).values()];
    const urls = await photoUrls(unique.flatMap((c) => (c.photoFileId ? [c.photoFileId] : [])));
    return unique.map((c) => caseOf(c, c.photoFileId ? (urls.get(c.photoFileId) ?? null) : null));
  },
} satisfies Def<'clues', 'queue'>;

/** The queries of what the user may see: widest role first; a grid worker's two (buildings, public places). */
async function scopesOf(user: Stored<UserDoc>): Promise<object[]> {
  if (hasRole(user, 'admin')) return [{}];
  const scopes: object[] = [];
  if (hasRole(user, 'community_admin') && user.communityId) scopes.push({ communityId: user.communityId });
  if (hasRole(user, 'grid_worker') && user.enclosureId) {
    const buildings = await gridBuildingIds(user);
    if (buildings.length) scopes.push({ buildingId: command.in(buildings) });
    scopes.push({ enclosureId: user.enclosureId, placeKind: 'public' });
  }
  return scopes;
}

/** The report, if the user may act on it: a grid worker of its place, or the admin of its 社区 or street. */
async function caseFor(user: Stored<UserDoc>, clueId: string): Promise<Stored<ClueDoc>> {
  const clue = await findById<ClueDoc>('clues', clueId);
  if (!clue) throw notFound('该反映不存在或已过保存期');
  if (hasRole(user, 'admin')) return clue;
  if (hasRole(user, 'community_admin') && clue.communityId && clue.communityId === user.communityId) return clue;
  if (hasRole(user, 'grid_worker') && user.enclosureId === clue.enclosureId) {
    if (clue.placeKind === 'public') return clue;
    if (clue.buildingId && (await gridBuildingIds(user)).includes(clue.buildingId)) return clue;
  }
  throw denied('该反映不在您负责的范围');
}

const staffName = (user: UserDoc) =>
  hasRole(user, 'grid_worker') ? `网格员${user.name ?? ''}` : (user.name ?? '管理员');

export const assign = {
  who: 'staff',
  role: STAFF,
  denied: DENIED,
  input: input({ id: id('反映'), assigneeOpenid: v.optional(id('网格员')) }),
  async run({ id: clueId, assigneeOpenid }, { user }) {
    const clue = await caseFor(user, clueId);
    if (!clueStateAfter(clue.state, { kind: 'assign' })) throw new AppError('FAILED_PRECONDITION', '该反映已办结');
    const assignee =
      assigneeOpenid && assigneeOpenid !== user._id ? await findById<UserDoc>('users', assigneeOpenid) : user;
    if (!assignee || !hasRole(assignee, 'grid_worker') || assignee.enclosureId !== clue.enclosureId)
      throw new AppError('INVALID_ARGUMENT', '只能交给本围合区的网格员', 'assigneeOpenid');
    const change = { state: 'assigned' as const, assigneeOpenid: assignee._id, assigneeName: staffName(assignee) };
    // Only while still open: a report handled meanwhile keeps its answer.
    const moved = await updateWhere('clues', { _id: clueId, state: command.in(OPEN) }, change);
    if (moved === 0) throw new AppError('FAILED_PRECONDITION', '该反映刚刚已办结');
    return caseOf({ ...clue, ...change });
  },
} satisfies Def<'clues', 'assign'>;

export const handle = {
  who: 'staff',
  role: STAFF,
  denied: DENIED,
  input: input({
    id: id('反映'),
    outcome: oneOf('处理结果', CLUE_OUTCOMES),
    answer: text('答复', { min: 2, max: 200 }),
  }),
  async run({ id: clueId, outcome, answer }, { user }) {
    const clue = await caseFor(user, clueId);
    const same = clue.state === 'closed' && clue.outcome === outcome && clue.answer === answer;
    if (same) return caseOf(clue); // a resend: handled once
    if (!clueStateAfter(clue.state, { kind: 'handle' })) throw new AppError('FAILED_PRECONDITION', '该反映已办结');
    const at = now();
    const change = {
      state: 'closed' as const,
      outcome,
      answer,
      handledBy: user._id,
      closedAt: at,
      seenByReporter: false,
      ...(clue.assigneeOpenid ? {} : { assigneeOpenid: user._id, assigneeName: staffName(user) }),
    };
    const closed = await updateWhere('clues', { _id: clueId, state: command.in(OPEN) }, change);
    if (closed === 0) {
      const first = await findById<ClueDoc>('clues', clueId);
      if (first && first.outcome === outcome && first.answer === answer) return caseOf(first);
      throw new AppError('FAILED_PRECONDITION', '该反映刚刚已由他人办结');
    }
    return caseOf({ ...clue, ...change });
  },
} satisfies Def<'clues', 'handle'>;
