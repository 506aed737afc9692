/** 通知公告's words, as publishers and residents read them (cloud and phone alike). */
import type { NoticeKind, NoticeLevel } from '../../typings';

export const NOTICE_KIND_NAMES: Record<NoticeKind, string> = {
  rule: '防控措施',
  isolation: '隔离通知',
  delivery: '配送安排',
  guide: '防疫明白纸',
  other: '其他',
};

export const NOTICE_LEVEL_NAMES: Record<NoticeLevel, string> = {
  street: '全街道',
  community: '社区',
  enclosure: '围合区',
  building: '楼栋',
};
