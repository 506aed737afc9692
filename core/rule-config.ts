/**
 * The street office's rule parameters. They live in the database (`rule_configs`), versioned:
 * every computed status records the version that produced it. These defaults are the February
 * 2020 practice and seed version 1.
 */
import type { Checker } from './validate';

export interface KeyArea {
  code: string;
  name: string;
}

export interface RuleConfig {
  version: number;
  /** 重点地区: travel or residence here within `isolationDays` means home isolation. */
  keyAreas: KeyArea[];
  isolationDays: number;
  feverThresholdCelsius: number;
  /** A declaration older than this no longer counts: the resident turns yellow until they declare again. */
  declarationValidityHours: number;
  /** Usual stay at a 温馨驿站 for returnees; the days count toward the isolation. */
  healthStationDays: number;
  /** 家庭代表外出购物: exits per household per period. */
  outingQuota: { exits: number; periodDays: number };
  /**
   * Days personal records (gate logs, check-ins, declarations) are kept before deletion; published
   * with the rules. Optional only because versions stored before it existed lack it (default 28).
   */
  retentionDays?: number;
  /** 解除隔离需核酸阴性: a negative sampled within this many days before release; 0 asks for none. */
  releaseTestDays?: number;
  /** 采样日: the isolation days (day 1 = the day it began) on which everyone isolated is sampled. */
  samplingDays?: number[];
}

export const DEFAULT_RULES: RuleConfig = {
  version: 1,
  keyAreas: [
    { code: '420100', name: '湖北省武汉市' },
    { code: '420000', name: '湖北省' },
  ],
  isolationDays: 14,
  feverThresholdCelsius: 37.3,
  declarationValidityHours: 24,
  healthStationDays: 4,
  outingQuota: { exits: 1, periodDays: 2 },
  retentionDays: 28,
  releaseTestDays: 0,
  samplingDays: [1, 7, 13],
};

/** Parameters the street office may change (the version is the server's). */
export const RULE_FIELDS = [
  'keyAreas',
  'isolationDays',
  'feverThresholdCelsius',
  'declarationValidityHours',
  'healthStationDays',
  'outingQuota',
  'retentionDays',
  'releaseTestDays',
  'samplingDays',
] as const;

export type RuleChanges = Partial<Omit<RuleConfig, 'version'>>;

const KEY_AREAS_MAX = 100;
const AREA_NAME_MAX = 30;
/** The gate looks back 7 days for a household's exits (gate/scan.ts): a longer period is not counted. */
const QUOTA_PERIOD_MAX_DAYS = 7;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The changes in a proposal as sent (untrusted JSON), each field checked for its type and range
 * and named `rules.<field>` when it is wrong: integers are integers, strings are bounded strings,
 * unknown keys are refused. Whole-configuration checks follow in `ruleConfigProblems`.
 */
export function checkRuleChanges(input: unknown, check: Checker): RuleChanges {
  if (!isPlainObject(input)) {
    check.fail('rules', '请提供规则参数');
    return {};
  }
  check.onlyKeys(input, RULE_FIELDS, 'rules');
  if (!RULE_FIELDS.some((k) => input[k] !== undefined)) check.fail('rules', '请至少修改一项规则参数');
  const changes: RuleChanges = {};
  const has = (k: (typeof RULE_FIELDS)[number]) => input[k] !== undefined;
  if (has('keyAreas')) changes.keyAreas = checkKeyAreas(input.keyAreas, check);
  if (has('isolationDays'))
    changes.isolationDays = check.integer('rules.isolationDays', input.isolationDays, '隔离天数', 1, 60);
  if (has('feverThresholdCelsius')) {
    const t = input.feverThresholdCelsius;
    const field = 'rules.feverThresholdCelsius';
    if (typeof t !== 'number' || !Number.isFinite(t)) check.fail(field, '发热标准应为数字（℃）');
    else if (t < 37 || t > 38.5) check.fail(field, '发热标准应在 37.0–38.5 ℃ 之间');
    else if (Math.abs(t * 10 - Math.round(t * 10)) > 1e-9) check.fail(field, '发热标准精确到 0.1 ℃');
    changes.feverThresholdCelsius = t as number;
  }
  if (has('declarationValidityHours'))
    changes.declarationValidityHours = check.integer(
      'rules.declarationValidityHours',
      input.declarationValidityHours,
      '申报有效期（小时）',
      1,
      24 * 7,
    );
  if (has('healthStationDays'))
    changes.healthStationDays = check.integer(
      'rules.healthStationDays',
      input.healthStationDays,
      '驿站观察天数',
      0,
      60,
    );
  if (has('outingQuota')) {
    const quota = input.outingQuota;
    if (!isPlainObject(quota) || quota.exits === undefined || quota.periodDays === undefined) {
      check.fail('rules.outingQuota', '外出配额应包含次数（exits）和周期天数（periodDays）');
    } else {
      check.onlyKeys(quota, ['exits', 'periodDays'], 'rules.outingQuota');
      changes.outingQuota = {
        exits: check.integer('rules.outingQuota.exits', quota.exits, '外出次数', 0, 10),
        periodDays: check.integer(
          'rules.outingQuota.periodDays',
          quota.periodDays,
          '外出周期天数',
          1,
          QUOTA_PERIOD_MAX_DAYS,
        ),
      };
    }
  }
  if (has('retentionDays'))
    changes.retentionDays = check.integer('rules.retentionDays', input.retentionDays, '数据保留天数', 14, 180);
  if (has('releaseTestDays'))
    changes.releaseTestDays = check.integer('rules.releaseTestDays', input.releaseTestDays, '解除前核酸天数', 0, 7);
  if (has('samplingDays')) changes.samplingDays = checkSamplingDays(input.samplingDays, check);
  return changes;
}

const SAMPLING_DAYS_MAX = 10;

function checkSamplingDays(value: unknown, check: Checker): number[] {
  const field = 'rules.samplingDays';
  if (!Array.isArray(value) || value.length > SAMPLING_DAYS_MAX) {
    check.fail(field, `采样日应为不超过 ${SAMPLING_DAYS_MAX} 个的天数列表`);
    return [];
  }
  const days = value.map((d, i) => check.integer(`${field}[${i}]`, d, `第 ${i + 1} 个采样日`, 1, 60));
  if (new Set(days).size !== days.length) check.fail(field, '采样日不能重复');
  return [...days].sort((a, b) => a - b);
}

function checkKeyAreas(value: unknown, check: Checker): KeyArea[] {
  if (!Array.isArray(value)) {
    check.fail('rules.keyAreas', '重点地区应为列表');
    return [];
  }
  if (value.length > KEY_AREAS_MAX) check.fail('rules.keyAreas', `重点地区不能超过 ${KEY_AREAS_MAX} 个`);
  return value.slice(0, KEY_AREAS_MAX).map((area, i) => {
    const field = `rules.keyAreas[${i}]`;
    if (!isPlainObject(area)) {
      check.fail(field, `第 ${i + 1} 个重点地区应包含区划代码（code）和名称（name）`);
      return { code: '', name: '' };
    }
    check.onlyKeys(area, ['code', 'name'], field);
    if (typeof area.code !== 'string' || !/^\d{6}$/.test(area.code))
      check.fail(`${field}.code`, `第 ${i + 1} 个重点地区的区划代码应为 6 位数字`);
    const name = check.text(`${field}.name`, area.name, `第 ${i + 1} 个重点地区的名称`, { max: AREA_NAME_MAX });
    return { code: typeof area.code === 'string' ? area.code : '', name };
  });
}

/** Problems with a whole configuration, in Chinese, empty when it is usable. */
export function ruleConfigProblems(config: RuleConfig): string[] {
  const problems: string[] = [];
  const int = (v: unknown, min: number, max: number) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
  if (!int(config.version, 1, Number.MAX_SAFE_INTEGER)) problems.push('版本号必须为正整数');
  if (!int(config.isolationDays, 1, 60)) problems.push('隔离天数应为 1–60 天');
  if (!(
    typeof config.feverThresholdCelsius === 'number' &&
    config.feverThresholdCelsius >= 37 &&
    config.feverThresholdCelsius <= 38.5
  ))
    problems.push('发热标准应在 37.0–38.5 ℃ 之间');
  if (!int(config.declarationValidityHours, 1, 24 * 7)) problems.push('申报有效期应为 1–168 小时');
  if (!int(config.healthStationDays, 0, config.isolationDays)) problems.push('驿站观察天数不能超过隔离天数');
  const quota = config.outingQuota as Partial<RuleConfig['outingQuota']> | null;
  if (!quota || !int(quota.exits, 0, 10) || !int(quota.periodDays, 1, QUOTA_PERIOD_MAX_DAYS))
    problems.push('外出配额设置无效');
  // Retention deletes the declarations an isolation rests on: it must outlast the longest one.
  const retention = config.retentionDays ?? DEFAULT_RULES.retentionDays!;
  if (!int(retention, 14, 180)) problems.push('数据保留天数应为 14–180 天');
  else if (retention < config.isolationDays + 2) problems.push('数据保留天数不能少于隔离天数加 2 天');
  if (!int(config.releaseTestDays ?? 0, 0, 7)) problems.push('解除前核酸天数应为 0–7 天');
  const sampling = config.samplingDays ?? DEFAULT_RULES.samplingDays!;
  if (!Array.isArray(sampling) || sampling.some((d) => !int(d, 1, config.isolationDays)))
    problems.push('采样日应在隔离期内');
  const codes = new Set<string>();
  for (const area of Array.isArray(config.keyAreas) ? config.keyAreas : [null]) {
    if (!isPlainObject(area) || typeof area.code !== 'string' || typeof area.name !== 'string') {
      problems.push('重点地区设置无效');
      continue;
    }
    if (!/^\d{6}$/.test(area.code) || !area.name) problems.push(`重点地区 ${area.name || area.code} 的区划代码无效`);
    if (codes.has(area.code)) problems.push(`重点地区 ${area.code} 重复`);
    codes.add(area.code);
  }
  return problems;
}
