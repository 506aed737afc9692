/**
 * What the gate says about a scan, by the code its log keeps (`gate_logs.code`): the line the guard
 * reads at the scan (the gate function, through core/gate.ts), beside each row of 卡口记录, and in
 * the exported sheet. One table, kept here because WeChat packages only files under the
 * mini-program (see money.ts).
 */
export type VerdictCode =
  | 'pass'
  | 'pass_verify_on_spot'
  | 'red_isolation'
  | 'red_fever'
  | 'fever_at_gate'
  | 'yellow_already_used'
  | 'quota_used'
  | 'token_expired'
  | 'token_invalid'
  | 'foreign_resident'
  | 'unknown_resident'
  | 'visitor_allowed'
  | 'visitor_refused'
  | 'visitor_pending'
  | 'visitor_not_yet'
  | 'visitor_expired'
  | 'visitor_cancelled'
  | 'card_revoked'
  | 'card_expired'
  | 'vehicle_allowed'
  | 'vehicle_unknown'
  | 'vehicle_not_yet'
  | 'vehicle_expired'
  | 'offline_stale'
  | 'offline_unsupported';

const TEXT: Record<VerdictCode, string> = {
  pass: '绿码，放行',
  pass_verify_on_spot: '黄码，本次放行，请现场核实身份与申报',
  red_isolation: '红码，不得通行，请引导至指定观察点',
  red_fever: '红码（发热/症状），不得通行，请引导至发热门诊',
  fever_at_gate: '体温超过发热标准，不得通行，已通知网格员，请引导至发热门诊',
  yellow_already_used: '黄码，已放行过一次，请先完成核实',
  quota_used: '本户本期外出次数已用完',
  token_expired: '通行码已过期，请居民刷新后重新出示',
  token_invalid: '通行码无效，疑似截图或伪造',
  foreign_resident: '非本围合区居民，请按访客登记处理',
  unknown_resident: '未找到该居民信息',
  visitor_allowed: '访客已登记，放行，请核对身份证件',
  visitor_refused: '谢绝访客：该访客未经网格员登记',
  visitor_pending: '谢绝访客：来访申请尚待网格员审批',
  visitor_not_yet: '谢绝访客：未到批准的来访日期',
  visitor_expired: '谢绝访客：批准的来访日期已过',
  visitor_cancelled: '谢绝访客：住户已取消本次来访',
  card_revoked: '爱心码已作废（已补办或挂失），请联系网格员',
  card_expired: '爱心码已过期，请联系网格员换发',
  vehicle_allowed: '车辆已登记，放行；随车人员请逐一扫码',
  vehicle_unknown: '车辆未登记，不得通行，请联系网格员登记',
  vehicle_not_yet: '保供车辆未到登记的有效日期，不得通行',
  vehicle_expired: '保供车辆登记已过期，不得通行，请联系网格员续期',
  offline_stale: '离线名单超过12小时未更新，请联网后核验',
  offline_unsupported: '旧版通行码或爱心码无法离线核验，请联网后核验或找网格员换发',
};

export const verdictText = (code: VerdictCode): string => TEXT[code];

/** For a code read back from a log: its line, or '' for a code this table does not know. */
export const verdictTextOf = (code: string | null | undefined): string =>
  code && Object.prototype.hasOwnProperty.call(TEXT, code) ? TEXT[code as VerdictCode] : '';
