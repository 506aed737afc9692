/**
 * 拨打 on staff lists (隔离名单, 服务任务, 团购配送): `<text data-id="{{residentId}}" bindtap="dial">`.
 * Lists carry masked numbers only; the full one is asked for this call and the reveal is audited
 * (quarantine.callResident, which also decides who may call whom).
 */
import { call } from '../services/cloud';
import { showProblem } from '../utils/toast';

export const dialResident = Behavior({
  methods: {
    async dial(e: WechatMiniprogram.TouchEvent) {
      const res = await call('quarantine', 'callResident', { residentId: String(e.currentTarget.dataset.id) });
      if (res.code !== 0) {
        showProblem(res.message);
        return;
      }
      wx.makePhoneCall({ phoneNumber: res.data.phone });
    },
  },
});
