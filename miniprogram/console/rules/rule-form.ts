/**
 * The pure part of 规则参数: the edit form as text fields, what of it differs from the current
 * version (only that is sent), how a change reads on screen (the confirmation and 版本记录 say it
 * the same way), and where the server's refusal is shown.
 */
import type { KeyArea, RuleChanges, RuleConfig } from '../../../core/rule-config';
import type { Failure } from '../../../typings';

/** As core/rule-config DEFAULT_RULES: what a version stored before these fields existed keeps. */
const DEFAULT_RETENTION_DAYS = 28;
const DEFAULT_SAMPLING_DAYS = [1, 7, 13];

export type Params = Required<Omit<RuleConfig, 'version'>>;

/** The fields as typed (inputs hold text): numbers, the quota as two, the sampling days as a list. */
export interface NumberFields {
  isolationDays: string;
  feverThresholdCelsius: string;
  declarationValidityHours: string;
  healthStationDays: string;
  exits: string;
  periodDays: string;
  retentionDays: string;
  releaseTestDays: string;
  /** e.g. "1,7,13" */
  samplingDays: string;
}
export type NumberField = keyof NumberFields;

export interface AreaRow {
  /** Stable across removals, so each input keeps its own row. */
  key: number;
  code: string;
  name: string;
  /** The refusal of this row, shown beside it. */
  error: string;
}

const LABELS: Record<NumberField, string> = {
  isolationDays: '隔离天数',
  feverThresholdCelsius: '发热阈值',
  declarationValidityHours: '申报有效时长',
  healthStationDays: '健康驿站天数',
  exits: '外出次数',
  periodDays: '外出周期天数',
  retentionDays: '数据保留天数',
  releaseTestDays: '解除前核酸天数',
  samplingDays: '采样日',
};

/** Where a number field's error is shown: the quota's two inputs share one line. */
export const errorKeyOf = (field: NumberField): string =>
  field === 'exits' || field === 'periodDays' ? 'outingQuota' : field;

/** The parameters of a version, whatever else the answer carries (publishedBy, publishedAt …). */
export function paramsOf(config: RuleConfig): Params {
  return {
    keyAreas: config.keyAreas.map((a) => ({ code: a.code, name: a.name })),
    isolationDays: config.isolationDays,
    feverThresholdCelsius: config.feverThresholdCelsius,
    declarationValidityHours: config.declarationValidityHours,
    healthStationDays: config.healthStationDays,
    outingQuota: { exits: config.outingQuota.exits, periodDays: config.outingQuota.periodDays },
    retentionDays: config.retentionDays ?? DEFAULT_RETENTION_DAYS,
    releaseTestDays: config.releaseTestDays ?? 0,
    samplingDays: [...(config.samplingDays ?? DEFAULT_SAMPLING_DAYS)],
  };
}

export function formOf(config: RuleConfig): { fields: NumberFields; areas: AreaRow[] } {
  const p = paramsOf(config);
  return {
    fields: {
      isolationDays: String(p.isolationDays),
      feverThresholdCelsius: String(p.feverThresholdCelsius),
      declarationValidityHours: String(p.declarationValidityHours),
      healthStationDays: String(p.healthStationDays),
      exits: String(p.outingQuota.exits),
      periodDays: String(p.outingQuota.periodDays),
      retentionDays: String(p.retentionDays),
      releaseTestDays: String(p.releaseTestDays),
      samplingDays: p.samplingDays.join(','),
    },
    areas: p.keyAreas.map((a, key) => ({ key, ...a, error: '' })),
  };
}

export interface Proposal {
  params: Params;
  /** The form row each sent key area came from (blank rows are left out), for placing refusals. */
  rowOf: number[];
}

/**
 * The form read as parameters, or what keeps it from being read (a number field that is not a
 * number). Ranges and codes are the server's to judge: its refusal is shown at the field.
 */
export function readForm(
  fields: NumberFields,
  areas: AreaRow[],
): { proposal: Proposal; errors: null } | { proposal: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const num = (field: NumberField): number => {
    const text = fields[field].trim();
    const value = text === '' ? NaN : Number(text);
    if (!Number.isFinite(value)) errors[errorKeyOf(field)] ??= `请填写${LABELS[field]}（数字）`;
    return value;
  };
  // A list of days, separated by commas, 、 or spaces ("1,7,13").
  const days = (field: 'samplingDays'): number[] => {
    const parts = fields[field].split(/[,，、\s]+/).filter(Boolean);
    const values = parts.map(Number);
    if (!parts.length || values.some((d) => !Number.isInteger(d))) errors[field] ??= '请填写采样日（如 1,7,13）';
    return values;
  };
  const rowOf: number[] = [];
  const keyAreas: KeyArea[] = [];
  areas.forEach((row, i) => {
    const area = { code: row.code.trim(), name: row.name.trim() };
    if (!area.code && !area.name) return;
    keyAreas.push(area);
    rowOf.push(i);
  });
  const params: Params = {
    keyAreas,
    isolationDays: num('isolationDays'),
    feverThresholdCelsius: num('feverThresholdCelsius'),
    declarationValidityHours: num('declarationValidityHours'),
    healthStationDays: num('healthStationDays'),
    outingQuota: { exits: num('exits'), periodDays: num('periodDays') },
    retentionDays: num('retentionDays'),
    releaseTestDays: num('releaseTestDays'),
    samplingDays: days('samplingDays'),
  };
  if (Object.keys(errors).length) return { proposal: null, errors };
  return { proposal: { params, rowOf }, errors: null };
}

const sameAreas = (a: KeyArea[], b: KeyArea[]) =>
  a.length === b.length && a.every((x, i) => x.code === b[i].code && x.name === b[i].name);

/** Only the parameters that differ from the current version: what publishRules is sent. */
export function changesOf(current: Params, next: Params): RuleChanges {
  const changes: RuleChanges = {};
  if (!sameAreas(current.keyAreas, next.keyAreas)) changes.keyAreas = next.keyAreas;
  if (
    current.outingQuota.exits !== next.outingQuota.exits ||
    current.outingQuota.periodDays !== next.outingQuota.periodDays
  )
    changes.outingQuota = next.outingQuota;
  if (current.samplingDays.join(',') !== next.samplingDays.join(',')) changes.samplingDays = next.samplingDays;
  for (const key of [
    'isolationDays',
    'feverThresholdCelsius',
    'declarationValidityHours',
    'healthStationDays',
    'retentionDays',
    'releaseTestDays',
  ] as const)
    if (current[key] !== next[key]) changes[key] = next[key];
  return changes;
}

const areaText = (a: KeyArea) => `${a.code} ${a.name}`;
const quotaText = (q: Params['outingQuota']) => `${q.exits} 次/${q.periodDays} 天`;

function areaChanges(before: KeyArea[], after: KeyArea[]): string[] {
  const lines: string[] = [];
  const added = after.filter((a) => !before.some((b) => b.code === a.code));
  const removed = before.filter((b) => !after.some((a) => a.code === b.code));
  const renamed = after.filter((a) => before.some((b) => b.code === a.code && b.name !== a.name));
  if (added.length) lines.push(`重点地区 新增 ${added.map(areaText).join('、')}`);
  if (removed.length) lines.push(`重点地区 移除 ${removed.map(areaText).join('、')}`);
  for (const a of renamed)
    lines.push(`重点地区 ${a.code} 名称 ${before.find((b) => b.code === a.code)!.name} → ${a.name}`);
  if (!lines.length && !sameAreas(before, after)) lines.push('重点地区 顺序调整');
  return lines;
}

/** What changes from one version's parameters to another's, one line each ("隔离天数 14 → 21"). */
export function describeChanges(before: Params, after: Params): string[] {
  const lines = areaChanges(before.keyAreas, after.keyAreas);
  const line = (label: string, a: number, b: number, unit = '') => {
    if (a !== b) lines.push(`${label} ${a}${unit} → ${b}${unit}`);
  };
  line('隔离天数', before.isolationDays, after.isolationDays);
  line('发热阈值', before.feverThresholdCelsius, after.feverThresholdCelsius, '℃');
  line('申报有效时长', before.declarationValidityHours, after.declarationValidityHours, ' 小时');
  line('健康驿站天数', before.healthStationDays, after.healthStationDays);
  const [qa, qb] = [quotaText(before.outingQuota), quotaText(after.outingQuota)];
  if (qa !== qb) lines.push(`外出限额 ${qa} → ${qb}`);
  line('数据保留天数', before.retentionDays, after.retentionDays);
  line('解除前核酸天数', before.releaseTestDays, after.releaseTestDays);
  const [sa, sb] = [before.samplingDays.join('、'), after.samplingDays.join('、')];
  if (sa !== sb) lines.push(`采样日 第${sa}天 → 第${sb}天`);
  return lines;
}

/**
 * The refusal placed beside the fields it names: `rules.<field>` at that field, a key area's
 * problem at its row, whole-configuration problems (`rules`) above 发布, and anything else (a
 * permission refusal, a conflict) under the form. Several problems at one place are all shown.
 */
export function placeRefusal(
  failure: Failure,
  rowOf: number[],
): { errors: Record<string, string>; rowErrors: Record<number, string> } {
  const errors: Record<string, string> = {};
  const rowErrors: Record<number, string> = {};
  const add = (to: Record<string | number, string>, key: string | number, message: string) => {
    to[key] = to[key] ? `${to[key]}；${message}` : message;
  };
  for (const { field, message } of failure.errors ?? [{ field: failure.field ?? '', message: failure.message }]) {
    const row = /^rules\.keyAreas\[(\d+)\]/.exec(field);
    const name = /^rules\.(\w+)/.exec(field)?.[1];
    if (row && rowOf[Number(row[1])] !== undefined) add(rowErrors, rowOf[Number(row[1])], message);
    else if (name && (name in LABELS || name === 'outingQuota' || name === 'keyAreas'))
      add(errors, errorKeyOf(name as NumberField), message);
    else if (field === 'rules' || field === 'note') add(errors, field, message);
    else add(errors, 'form', message);
  }
  return { errors, rowErrors };
}
