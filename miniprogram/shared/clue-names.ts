/** 隐患与线索's words, as residents and grid workers read them (cloud and phone alike). */
import type { ClueKind, ClueOutcome, ClueState } from '../../typings';

export const CLUE_KIND_NAMES: Record<ClueKind, string> = {
  gathering: '人员聚集',
  no_mask: '未戴口罩',
  sanitation: '卫生死角、垃圾堆积',
  gate: '卡口或围挡漏洞',
  returnee: '外地返回未登记',
  fever: '发热未报告',
  other: '其他',
};

export const CLUE_OUTCOME_NAMES: Record<ClueOutcome, string> = {
  resolved: '已处理',
  unfounded: '经核查不属实',
  referred: '已移交相关部门',
};

export const CLUE_STATE_NAMES: Record<ClueState, string> = {
  open: '待受理',
  assigned: '处理中',
  closed: '已办结',
};
