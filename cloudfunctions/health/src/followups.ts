/**
 * 随访: the three-person team (grid worker, medic, police) visits isolated households. A grid
 * worker or a medic plans a visit for a day; whoever goes records the outcome with a note. Visits
 * past their day and not recorded are on the grid worker's roster; an outcome other than normal
 * (symptoms, refused, not at home, transferred) alerts the grid worker of the building.
 */
import { OPEN_STATES } from '../../../core/isolation';
import { DAY_MS, cstDateOf, cstDayStart, startOfDayCst } from '../../../core/time';
import type { FollowUp, VisitOutcome } from '../../../typings';
import type { Def } from '../../../server/action';
import { alertFields } from '../../../server/alerts';
import { now } from '../../../server/clock';
import { Stored, findAll, findById, findMany, insertOnce, updateWhere } from '../../../server/db';
import { AppError, notFound } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { id, input, oneOf, requestId, text, v } from '../../../server/schema';
import { gridBuildingIds, hasRole } from '../../../server/users';
import { OUTCOME_NAMES } from '../../../miniprogram/shared/health-names';
import { TEAM, addressOf, inScope } from './patients';

const TEAM_DENIED = '仅网格员或医务人员可以安排随访';
/** How far ahead a visit may be planned. */
const PLAN_AHEAD_DAYS = 14;
const VISITS_MAX = 2_000;

export interface FollowUpDoc {
  residentId: string;
  enclosureId: string;
  buildingId: string;
  unit: number;
  maskedName: string;
  address: string;
  dueOn: string;
  note: string;
  state: 'planned' | 'done';
  plannedBy: string;
  plannedByName: string;
  createdAt: Date;
  outcome: VisitOutcome | null;
  outcomeNote: string | null;
  doneBy: string | null;
  doneAt: Date | null;
}

const dueOnSchema = v.pipe(v.string('随访日期无效'), v.regex(/^\d{4}-\d{2}-\d{2}$/, '随访日期应为 YYYY-MM-DD'));

export const planVisit = {
  who: 'staff',
  role: TEAM,
  denied: TEAM_DENIED,
  input: input({
    requestId: requestId(),
    residentId: id('住户'),
    dueOn: dueOnSchema,
    note: v.optional(text('随访事项', { min: 0, max: 100 })),
  }),
  async run({ requestId, residentId, dueOn, note = '' }, { user }) {
    const resident = await inScope(user, residentId);
    const at = now();
    const day = cstDayStart(dueOn);
    const today = startOfDayCst(at).getTime();
    if (!day) throw new AppError('INVALID_ARGUMENT', '随访日期不是有效日期', 'dueOn');
    if (day.getTime() < today) throw new AppError('INVALID_ARGUMENT', '随访日期不能早于今天', 'dueOn');
    if (day.getTime() > today + PLAN_AHEAD_DAYS * DAY_MS)
      throw new AppError('INVALID_ARGUMENT', `随访日期最晚为${PLAN_AHEAD_DAYS}天后`, 'dueOn');
    const open = await findMany('isolation_orders', { residentId, state: { $in: OPEN_STATES } }, { limit: 1 });
    if (open.length === 0) throw new AppError('FAILED_PRECONDITION', '随访面向居家隔离人员，该住户目前未隔离');
    const followupId = idFor('fu', user._id, requestId);
    const doc: Stored<FollowUpDoc> = {
      _id: followupId,
      residentId,
      enclosureId: resident.enclosureId,
      buildingId: resident.buildingId,
      unit: resident.unit,
      maskedName: resident.maskedName,
      address: addressOf(resident),
      dueOn,
      note,
      state: 'planned',
      plannedBy: user._id,
      plannedByName: user.name ?? '',
      createdAt: at,
      outcome: null,
      outcomeNote: null,
      doneBy: null,
      doneAt: null,
    };
    if (!(await insertOnce('followups', doc))) {
      const first = await findById<FollowUpDoc>('followups', followupId);
      return { followupId, dueOn: first?.dueOn ?? dueOn }; // a retry: the visit as first planned
    }
    return { followupId, dueOn };
  },
} satisfies Def<'health', 'planVisit'>;

export const recordVisit = {
  who: 'staff',
  role: TEAM,
  denied: '仅网格员或医务人员可以记录随访',
  input: input({
    followupId: id('随访'),
    outcome: oneOf('随访结果', ['normal', 'symptoms', 'refused', 'absent', 'transferred']),
    note: text('随访情况', { min: 2, max: 200 }),
  }),
  async run({ followupId, outcome, note }, { user }) {
    const visit = await findById<FollowUpDoc>('followups', followupId);
    if (!visit) throw notFound('随访不存在');
    await inScope(user, visit.residentId);
    if (visit.state === 'done') {
      if (visit.outcome === outcome) return { followupId, outcome, escalated: outcome !== 'normal' }; // a retry
      throw new AppError('CONFLICT', `该随访已记录为“${OUTCOME_NAMES[visit.outcome!]}”`);
    }
    const at = now();
    const done = await updateWhere(
      'followups',
      { _id: followupId, state: 'planned' },
      { state: 'done', outcome, outcomeNote: note, doneBy: user._id, doneAt: at },
    );
    if (done === 0) throw new AppError('CONFLICT', '该随访刚由他人记录，请刷新');
    const escalated = outcome !== 'normal';
    if (escalated)
      await insertOnce('alerts', {
        _id: `fu-${followupId}`,
        ...alertFields(visit, {
          at,
          kind: `visit_${outcome}`,
          detail: `随访${OUTCOME_NAMES[outcome]}：${note}`,
        }),
      });
    return { followupId, outcome, escalated };
  },
} satisfies Def<'health', 'recordVisit'>;

export const visits = {
  who: 'staff',
  role: TEAM,
  denied: '仅网格员或医务人员可以查看随访',
  input: input({}),
  async run(_input, { user }): Promise<FollowUp[]> {
    const scope = hasRole(user, 'grid_worker')
      ? { buildingId: { $in: await gridBuildingIds(user) } }
      : { enclosureId: user.enclosureId ?? '' };
    const planned = await findAll<FollowUpDoc>('followups', { ...scope, state: 'planned' }, { max: VISITS_MAX });
    const today = cstDateOf(now());
    return planned
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.address.localeCompare(b.address, 'zh'))
      .map((f) => ({
        id: f._id,
        residentId: f.residentId,
        maskedName: f.maskedName,
        address: f.address,
        dueOn: f.dueOn,
        note: f.note,
        overdue: f.dueOn < today,
        plannedByName: f.plannedByName,
      }));
  },
} satisfies Def<'health', 'visits'>;
