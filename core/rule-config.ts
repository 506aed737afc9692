/**
 * The street office's rule parameters. They live in the database (`rule_configs`), versioned:
 * every computed status records the version that produced it. These defaults are the February
 * 2020 practice and seed version 1.
 */
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
  /** Days personal records (gate logs, check-ins, declarations) are kept before deletion. */
  retentionDays?: number;
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
};

/** Problems with a proposed configuration, in Chinese, empty when it is usable. */
export function ruleConfigProblems(config: RuleConfig): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(config.version) || config.version < 1) problems.push('版本号必须为正整数');
  if (!Number.isInteger(config.isolationDays) || config.isolationDays < 1 || config.isolationDays > 60)
    problems.push('隔离天数应为 1–60 天');
  if (!(config.feverThresholdCelsius >= 37 && config.feverThresholdCelsius <= 38.5))
    problems.push('发热标准应在 37.0–38.5 ℃ 之间');
  if (!(config.declarationValidityHours >= 1 && config.declarationValidityHours <= 24 * 7))
    problems.push('申报有效期应为 1–168 小时');
  if (
    !Number.isInteger(config.healthStationDays) ||
    config.healthStationDays < 0 ||
    config.healthStationDays > config.isolationDays
  ) {
    problems.push('驿站观察天数不能超过隔离天数');
  }
  const { exits, periodDays } = config.outingQuota;
  if (!Number.isInteger(exits) || exits < 0 || !Number.isInteger(periodDays) || periodDays < 1)
    problems.push('外出配额设置无效');
  const codes = new Set<string>();
  for (const area of config.keyAreas) {
    if (!/^\d{6}$/.test(area.code) || !area.name) problems.push(`重点地区 ${area.name || area.code} 的区划代码无效`);
    if (codes.has(area.code)) problems.push(`重点地区 ${area.code} 重复`);
    codes.add(area.code);
  }
  return problems;
}
