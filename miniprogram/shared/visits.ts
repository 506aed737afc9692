/**
 * The limits of a visit and how its days are offered, shared by the host's page and the rules
 * (core/visit.ts) — kept here because WeChat packages only files under the mini-program.
 */
import type { VisitState } from '../../typings';

/** A visit covers at most 3 days, asked for at most 7 days ahead (the street's 2020 practice). */
export const VISIT_MAX_DAYS = 3;
export const VISIT_AHEAD_DAYS = 7;

export const VISIT_STATE_NAMES: Record<VisitState, string> = {
  pending: '待审批',
  approved: '已批准',
  refused: '未批准',
  cancelled: '已取消',
};

const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const WEEKDAYS = '日一二三四五六';

export interface VisitDay {
  /** "YYYY-MM-DD", China time. */
  date: string;
  /** "今天 2月20日 周四" */
  label: string;
  /** Midnight (China time) that starts the day, in ms. */
  start: number;
}

/** `count` China days from the day containing `at` (ms): today first, then tomorrow, … */
export function visitDays(at: number, count: number): VisitDay[] {
  const today = Math.floor((at + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
  return Array.from({ length: count + 1 }, (_, i) => {
    const start = today + i * DAY_MS;
    const d = new Date(start + CST_OFFSET_MS);
    const prefix = i === 0 ? '今天 ' : i === 1 ? '明天 ' : i === 2 ? '后天 ' : '';
    return {
      date: d.toISOString().slice(0, 10),
      label: `${prefix}${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]}`,
      start,
    };
  }).slice(0, count);
}
