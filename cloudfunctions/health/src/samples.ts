/**
 * 核酸检测: a medic takes a sample (one per person per day, one tube per sample) and enters the
 * lab's results, typed or from its sheet. A result sheet is checked whole before anything is
 * written: an unknown tube, a day before the sample or after today, a result that contradicts one
 * already entered — each is refused with its row. A positive turns the person red (rules.ts) and
 * alerts the grid worker with a proposed unit isolation; any result shows on the pass.
 */
import { RESULT_NAMES, TestResult } from '../../../core/health';
import { cstDayNumber, cstDayStart, formatDayCst, startOfDayCst } from '../../../core/time';
import type { ResultRow } from '../../../typings';
import type { Def } from '../../../server/action';
import { alertFields } from '../../../server/alerts';
import { now } from '../../../server/clock';
import { Stored, findAll, findById, findMany, insertOnce, updateWhere } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { id, input, list, oneOf, v } from '../../../server/schema';
import { refreshBuildingStats } from '../../../server/building-stats';
import { recomputeStatus } from '../../../server/status';
import type { UserDoc } from '../../../server/users';
import { MEDIC_DENIED, addressOf, patientOf, residentOfPass } from './patients';

/** Alerts of a positive are kept as long as check-ins. */
/**
 * Rows per call: each costs an update and its person's recount (about ten operations), and the
 * function has 10 s. The page sends a longer sheet in parts.
 */
export const RESULT_ROWS_MAX = 100;

export interface TestDoc {
  residentId: string;
  householdId: string;
  enclosureId: string;
  buildingId: string;
  unit: number;
  maskedName: string;
  address: string;
  tubeCode: string;
  sampledAt: Date;
  sampledBy: string;
  result: TestResult | null;
  testedOn: string | null;
  resultAt: Date | null;
  resultBy: string | null;
}

const tubeCode = (label = '试管编号') =>
  v.pipe(v.string(`${label}无效`), v.regex(/^[A-Za-z0-9-]{4,32}$/, `${label}应为 4–32 位字母、数字或连字符`));

export const sample = {
  who: 'staff',
  role: 'medic',
  denied: MEDIC_DENIED,
  input: input({
    tubeCode: tubeCode(),
    residentId: v.optional(id('住户')),
    token: v.optional(v.pipe(v.string('通行码无效'), v.maxLength(1024, '通行码无效'))),
  }),
  async run({ tubeCode, residentId, token }, { user: medic }) {
    if (!residentId && !token) throw new AppError('INVALID_ARGUMENT', '请扫描通行码或选择住户', 'residentId');
    const at = now();
    const who = residentId ?? (await residentOfPass(token!, at));
    const resident = await patientOf(medic, who);
    // One sample a person a day: the id says so. One tube, one sample: a tube already used for
    // another sample is refused (read, then insert: a tube is in one medic's hand at a time).
    const sampleId = `smp-${who}-${cstDayNumber(at)}`;
    const [tube] = await findMany<TestDoc>('health_tests', { tubeCode }, { limit: 1 });
    if (tube && tube._id !== sampleId) throw new AppError('CONFLICT', '该试管编号已用于另一份样本', 'tubeCode');
    const doc: Stored<TestDoc> = {
      _id: sampleId,
      residentId: who,
      householdId: resident.householdId,
      enclosureId: resident.enclosureId,
      buildingId: resident.buildingId,
      unit: resident.unit,
      maskedName: resident.maskedName,
      address: addressOf(resident),
      tubeCode,
      sampledAt: at,
      sampledBy: medic._id,
      result: null,
      testedOn: null,
      resultAt: null,
      resultBy: null,
    };
    if (await insertOnce('health_tests', doc))
      return { sampleId: doc._id, maskedName: resident.maskedName, duplicate: false };
    const today = await findById<TestDoc>('health_tests', doc._id);
    if (today?.tubeCode === tubeCode) return { sampleId: doc._id, maskedName: resident.maskedName, duplicate: true };
    throw new AppError('CONFLICT', `该住户今日已采样（试管 ${today?.tubeCode ?? ''}）`, 'residentId');
  },
} satisfies Def<'health', 'sample'>;

const row = v.strictObject(
  {
    tubeCode: tubeCode(),
    result: oneOf('检测结果', ['negative', 'positive', 'invalid']),
    testedOn: v.pipe(v.string('检测日期无效'), v.regex(/^\d{4}-\d{2}-\d{2}$/, '检测日期应为 YYYY-MM-DD')),
  },
  '结果行只能包含试管编号、检测结果和检测日期',
);

export const results = {
  who: 'staff',
  role: 'medic',
  denied: MEDIC_DENIED,
  input: input({ rows: v.pipe(list('检测结果', row, RESULT_ROWS_MAX), v.minLength(1, '请至少录入一条检测结果')) }),
  run: ({ rows }, { user: medic }) => enterResults(medic, rows),
} satisfies Def<'health', 'results'>;

const rowError = (i: number, field: keyof ResultRow, message: string) =>
  new AppError('INVALID_ARGUMENT', `第 ${i + 1} 行：${message}`, `rows[${i}].${field}`);

async function enterResults(medic: Stored<UserDoc>, rows: ResultRow[]) {
  const at = now();
  const tubes = await findAll<TestDoc>('health_tests', {
    tubeCode: { $in: [...new Set(rows.map((r) => r.tubeCode))] },
  });
  const byTube = new Map(tubes.map((t) => [t.tubeCode, t]));
  const seen = new Map<string, TestResult>();
  const todo: { test: Stored<TestDoc>; row: ResultRow }[] = [];
  rows.forEach((r, i) => {
    const test = byTube.get(r.tubeCode);
    if (!test || test.enclosureId !== medic.enclosureId)
      throw rowError(i, 'tubeCode', `试管 ${r.tubeCode} 无本围合区的采样记录`);
    const day = cstDayStart(r.testedOn);
    if (!day) throw rowError(i, 'testedOn', '检测日期不是有效日期');
    if (day > startOfDayCst(at)) throw rowError(i, 'testedOn', '检测日期不能晚于今天');
    if (day < startOfDayCst(test.sampledAt))
      throw rowError(i, 'testedOn', `检测日期早于采样日（${formatDayCst(test.sampledAt)}）`);
    const before = seen.get(r.tubeCode) ?? test.result;
    if (before && before !== r.result)
      throw rowError(
        i,
        'result',
        `试管 ${r.tubeCode} 已录入为${RESULT_NAMES[before]}，不能改为${RESULT_NAMES[r.result]}`,
      );
    if (!seen.has(r.tubeCode) && !test.result) todo.push({ test, row: r });
    seen.set(r.tubeCode, r.result);
  });
  let entered = 0;
  const positives: Stored<TestDoc>[] = [];
  for (let i = 0; i < todo.length; i += 20) {
    await Promise.all(
      todo.slice(i, i + 20).map(async ({ test, row }) => {
        const fields = { result: row.result, testedOn: row.testedOn, resultAt: at, resultBy: medic._id };
        if ((await updateWhere('health_tests', { _id: test._id, result: null }, fields)) === 0) return; // entered meanwhile
        entered++;
        if (row.result === 'positive') positives.push(test);
      }),
    );
  }
  // Every result is shown on the pass; a positive also turns the person red and alerts the grid worker.
  const touched = [...new Map(todo.map((t) => [t.test.residentId, t.test.buildingId]))];
  for (let i = 0; i < touched.length; i += 10)
    await Promise.all(touched.slice(i, i + 10).map(([r]) => recomputeStatus(r, at, undefined, { refreshMap: false })));
  for (const buildingId of new Set(positives.map((t) => t.buildingId))) await refreshBuildingStats(buildingId, at);
  for (const test of positives) {
    await insertOnce('alerts', {
      _id: `pos-${test._id}`,
      ...alertFields(test, {
        at,
        kind: 'test_positive',
        detail: `${formatDayCst(test.sampledAt)}核酸阳性，建议对${test.address.slice(0, test.address.lastIndexOf('单元') + 2)}实施单元隔离`,
      }),
    });
  }
  return { entered, unchanged: rows.length - entered, positives: positives.length };
}
