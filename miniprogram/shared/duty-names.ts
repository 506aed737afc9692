/** 值守与巡查's words, as staff read them (cloud and phone alike). */
import type { RoundKind, RoundState, ShiftState } from '../../typings';

export const SHIFT_STATE_NAMES: Record<ShiftState, string> = {
  upcoming: '待上岗',
  open: '可上岗',
  on: '在岗',
  done: '已交班',
  missed: '未到岗',
};

export const ROUND_KIND_NAMES: Record<RoundKind, string> = {
  patrol: '巡查',
  disinfection: '消杀',
};

export const ROUND_STATE_NAMES: Record<RoundState, string> = {
  upcoming: '未到时间',
  open: '待完成',
  done: '已完成',
  missed: '已逾期',
};
