/** The health follow-up's words, as medics, grid workers and residents read them (cloud and phone alike). */
import type { TestResultCode, VisitOutcome } from '../../typings';

export const RESULT_NAMES: Record<TestResultCode, string> = { negative: '阴性', positive: '阳性', invalid: '无效' };

/** 随访 outcomes in the order the page offers them. */
export const OUTCOME_NAMES: Record<VisitOutcome, string> = {
  normal: '情况正常',
  symptoms: '发现症状',
  refused: '拒绝配合',
  absent: '不在家',
  transferred: '已转运',
};
