/**
 * 关爱对象: a grid worker registers the vulnerable of their grid who are not isolated (elders
 * living alone, disabled people, pregnant women, the chronically ill) with a plan — a visit or a
 * call every few days by a volunteer of the enclosure. Only the categories are kept, never a
 * diagnosis; the plan goes when the care ends, and the audit log keeps who enrolled whom and why.
 * Visits and calls are logged in contacts.ts.
 */
import {
  CARE_CATEGORIES,
  CARE_EVERY_DAYS,
  CARE_WAYS,
  CareCategory,
  CareWay,
  overdueDays,
  plannedDue,
} from '../../../core/care';
import { addressOf, householdIdOf } from '../../../core/register-rows';
import { ROOM_LABEL } from '../../../core/estate';
import type { ResidentDoc } from '../../../core/status-doc';
import { cstDateOf } from '../../../core/time';
import type { CareOutcome, CareSubject, FlatMember } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { findAll, findById, findMany, insert, removeWhere, replace, updateById } from '../../../server/db';
import { notFound } from '../../../server/errors';
import { maskedPhones } from '../../../server/phones';
import { id, input, int, list, oneOf, text, v } from '../../../server/schema';
import { gridBuildingIds, hasRole, requireGridOf, residentOfGrid } from '../../../server/users';
import { CARE_OUTCOME_NAMES, CATEGORY_NAMES, WAY_NAMES } from '../../../miniprogram/shared/care-names';
import { RELATION_LABELS } from '../../../miniprogram/shared/relations';
import { volunteerLabel } from '../../../miniprogram/shared/volunteer';
import { assignVolunteer, volunteerFor } from './assignment';

const GRID_DENIED = '仅网格员可以登记关爱对象';
const SUBJECTS_MAX = 2_000;

export interface CareSubjectDoc {
  householdId: string;
  enclosureId: string;
  buildingId: string;
  unit: number;
  maskedName: string;
  address: string;
  categories: CareCategory[];
  way: CareWay;
  everyDays: number;
  volunteerOpenid: string;
  volunteerName: string;
  note: string;
  enrolledBy: string;
  enrolledAt: Date;
  /** The day (CST) the next visit or call is due. */
  nextDueOn: string;
  lastContact: { on: string; outcome: CareOutcome; byName: string } | null;
  /** The last day someone was reached (未联系上 is not): a changed plan counts its days from here. */
  lastReachedOn: string | null;
}

const categoriesSchema = v.pipe(
  list('关爱类别', oneOf('关爱类别', CARE_CATEGORIES), CARE_CATEGORIES.length),
  v.minLength(1, '请至少选择一个关爱类别'),
  v.check((c) => new Set(c).size === c.length, '关爱类别重复'),
);

export const enrol = {
  who: 'staff',
  role: 'grid_worker',
  denied: GRID_DENIED,
  input: input({
    residentId: id('住户'),
    categories: categoriesSchema,
    way: oneOf('关爱方式', CARE_WAYS),
    everyDays: int('间隔天数', CARE_EVERY_DAYS.min, CARE_EVERY_DAYS.max),
    volunteerOpenid: v.optional(id('志愿者')),
    note: v.optional(text('关爱备注', { min: 0, max: 100 })),
  }),
  async run({ residentId, categories, way, everyDays, volunteerOpenid, note = '' }, { user }) {
    const resident = await residentOfGrid(user, residentId);
    const existing = await findById<CareSubjectDoc>('care_subjects', residentId);
    const assignment = volunteerOpenid
      ? await assignVolunteer(resident.householdId, resident.enclosureId, volunteerOpenid)
      : await volunteerFor(resident.householdId, resident.enclosureId);
    const at = now();
    const plan: Plan = { categories, way, everyDays, volunteerOpenid: assignment.volunteerOpenid, note };
    if (existing) {
      const before = planOf(existing);
      if (JSON.stringify(before) === JSON.stringify(plan)) return answer(residentId, existing); // a resend
      // Only the plan's fields: a contact logged meanwhile keeps its lastContact; the due day moves only with the days.
      const nextDueOn =
        everyDays === existing.everyDays
          ? existing.nextDueOn
          : plannedDue(cstDateOf(at), everyDays, {
              lastReachedOn: existing.lastReachedOn,
              nextDueOn: existing.nextDueOn,
            });
      await updateById('care_subjects', residentId, { ...plan, volunteerName: assignment.volunteerName, nextDueOn });
      await audit(user._id, 'care_replan', residentId, before, plan, at);
      return answer(residentId, { volunteerName: assignment.volunteerName, nextDueOn });
    }
    const doc: CareSubjectDoc = {
      householdId: resident.householdId,
      enclosureId: resident.enclosureId,
      buildingId: resident.buildingId,
      unit: resident.unit,
      maskedName: resident.maskedName,
      address: addressOf(resident),
      ...plan,
      volunteerName: assignment.volunteerName,
      enrolledBy: user._id,
      enrolledAt: at,
      nextDueOn: plannedDue(cstDateOf(at), everyDays, null),
      lastContact: null,
      lastReachedOn: null,
    };
    // Keyed by the resident: two grid workers enrolling at once make one 关爱对象 (the later plan).
    await replace('care_subjects', residentId, doc);
    await audit(user._id, 'care_enrol', residentId, null, plan, at);
    return answer(residentId, doc);
  },
} satisfies Def<'care', 'enrol'>;

type Plan = Pick<CareSubjectDoc, 'categories' | 'way' | 'everyDays' | 'volunteerOpenid' | 'note'>;
const planOf = (s: CareSubjectDoc): Plan => ({
  categories: s.categories,
  way: s.way,
  everyDays: s.everyDays,
  volunteerOpenid: s.volunteerOpenid,
  note: s.note,
});
const answer = (residentId: string, s: Pick<CareSubjectDoc, 'volunteerName' | 'nextDueOn'>) => ({
  residentId,
  volunteerName: volunteerLabel(s.volunteerName),
  nextDueOn: s.nextDueOn,
});

async function audit(
  actor: string,
  action: string,
  residentId: string,
  before: Plan | null,
  after: Plan | null,
  at: Date,
  note = '',
) {
  await insert('audit_logs', { at, actor, action, residentId, target: residentId, before, after, note });
}

export const unenrol = {
  who: 'staff',
  role: 'grid_worker',
  denied: GRID_DENIED,
  input: input({ residentId: id('住户'), reason: text('结束原因', { min: 2, max: 100 }) }),
  async run({ residentId, reason }, { user }) {
    await residentOfGrid(user, residentId);
    const removed = (await removeWhere('care_subjects', { _id: residentId })) > 0;
    // A resent request finds nothing left to remove: it answers so, without a second audit entry.
    if (removed) await audit(user._id, 'care_end', residentId, null, null, now(), reason);
    return { residentId, removed };
  },
} satisfies Def<'care', 'unenrol'>;

export const subjects = {
  who: 'staff',
  role: ['grid_worker', 'volunteer'],
  denied: '仅网格员或志愿者可以查看关爱对象',
  input: input({}),
  async run(_input, { user }): Promise<CareSubject[]> {
    const scope = hasRole(user, 'grid_worker')
      ? { buildingId: { $in: await gridBuildingIds(user) } }
      : { volunteerOpenid: user._id, enclosureId: user.enclosureId ?? '' }; // none of a former enclosure's
    const found = await findAll<CareSubjectDoc>('care_subjects', scope, { max: SUBJECTS_MAX });
    const phones = await maskedPhones(found.map((s) => s._id));
    const today = cstDateOf(now());
    return found
      .sort((a, b) => a.nextDueOn.localeCompare(b.nextDueOn) || a.address.localeCompare(b.address, 'zh'))
      .map((s) => ({
        residentId: s._id,
        maskedName: s.maskedName,
        address: s.address,
        categories: s.categories.map((c) => CATEGORY_NAMES[c]),
        way: s.way,
        wayName: WAY_NAMES[s.way],
        everyDays: s.everyDays,
        volunteerName: volunteerLabel(s.volunteerName),
        nextDueOn: s.nextDueOn,
        overdueDays: overdueDays(s.nextDueOn, today),
        dueToday: s.nextDueOn === today,
        lastContact: s.lastContact && {
          on: s.lastContact.on,
          outcome: CARE_OUTCOME_NAMES[s.lastContact.outcome],
          byName: volunteerLabel(s.lastContact.byName),
        },
        note: s.note,
        phoneMasked: phones.get(s._id) ?? null,
      }));
  },
} satisfies Def<'care', 'subjects'>;

export const flat = {
  who: 'staff',
  role: 'grid_worker',
  denied: GRID_DENIED,
  input: input({
    buildingId: id('楼栋'),
    unit: int('单元', 1, 20),
    room: v.pipe(text('房号', { max: 8 }), v.regex(ROOM_LABEL, '房号只能包含字母、数字和 -，如 501 或 A12')),
  }),
  async run({ buildingId, unit, room }, { user }): Promise<FlatMember[]> {
    await requireGridOf(user, buildingId, '该楼栋不在您负责的网格');
    const members = await findMany<ResidentDoc>(
      'residents',
      { householdId: householdIdOf({ buildingId, unit, room }) },
      { limit: 20, fields: { maskedName: true, relation: true, birthYear: true } },
    );
    if (members.length === 0) throw notFound('该房屋暂无登记住户');
    const enrolled = await findMany(
      'care_subjects',
      { _id: { $in: members.map((m) => m._id) } },
      { limit: members.length, fields: { _id: true } },
    );
    const enrolledIds = new Set(enrolled.map((e) => e._id));
    return members.map((m) => ({
      residentId: m._id,
      maskedName: m.maskedName,
      relation: RELATION_LABELS[m.relation] ?? '成员',
      birthYear: m.birthYear ?? null,
      enrolled: enrolledIds.has(m._id),
    }));
  },
} satisfies Def<'care', 'flat'>;
