/**
 * 申诉与记录 (residents): appeal my status with a reason; see the grid worker's answers and every
 * manual change to my status (who changed it, when, why).
 */
import { careMode } from '../../behaviors/care-mode';
import { type PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { fieldErrors, placedErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { formatUntil } from '../../utils/status';

const ACTIONS: Record<string, string> = {
  verify: '网格员核实',
  override: '网格员复核',
  isolate_unit: '单元隔离',
  isolation_end: '解除隔离',
  isolation_extend: '延长隔离',
  // Its record's note says who and why (网格员拨打电话, 志愿者拨打电话（团购配送）…); the heading says
  // what was done with the data.
  reveal_phone: '工作人员查看手机号',
  accept_member: '家庭成员确认',
};
const STATES: Record<string, string> = { open: '处理中', accepted: '已接受', rejected: '已驳回' };
/** Fields with an error line beside them; a refusal naming any other (or none) is said under the form. */
const SHOWN = ['reason'];

Component({
  behaviors: [careMode, pageLife],
  data: {
    residentId: '',
    reason: '',
    errors: {} as Record<string, string>,
    requestId: '',
    appeals: [] as { id: string; reason: string; state: string; answer: string }[],
    changes: [] as { when: string; what: string; why: string }[],
    message: '',
  },
  methods: {
    async load(query: PageQuery) {
      // One request id per appeal written, kept across shows; a new one once it is filed.
      if (!this.data.requestId) this.setData({ requestId: newRequestId() });
      this.setData({ residentId: query.residentId ?? '' });
      const res = await call('residents', 'history', this.data.residentId ? { residentId: this.data.residentId } : {});
      if (res.code !== 0) return res;
      this.setData({
        appeals: res.data.appeals.map((a) => ({
          id: a.id,
          reason: a.reason,
          state: STATES[a.state] ?? a.state,
          answer: a.answer ?? '',
        })),
        changes: res.data.changes.map((c) => ({
          when: formatUntil(c.at),
          // Never the English action code: a record this page does not know yet is still a change.
          what: ACTIONS[c.action] ?? '其他变更',
          why: c.why,
        })),
      });
      return res;
    },
    onReason(e: WechatMiniprogram.Input) {
      this.setData({ reason: e.detail.value });
    },
    async submit() {
      const res = await call('residents', 'appeal', {
        requestId: this.data.requestId,
        reason: this.data.reason,
        ...(this.data.residentId ? { residentId: this.data.residentId } : {}),
      });
      if (res.code !== 0) {
        this.setData({ errors: placedErrors(fieldErrors(res), SHOWN), message: '' });
        return;
      }
      this.setData({ errors: {}, reason: '', requestId: newRequestId(), message: '申诉已提交，网格员将尽快答复' });
      await this.refresh();
    },
  },
});
