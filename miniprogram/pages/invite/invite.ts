/**
 * 工作人员邀请: opened from the 小程序码 an admin showed (the code arrives as `scene`), from a share
 * card (`code`), or from 首页 where the code is typed (the first admin's one-time code from the
 * deploy). Shows what the invitation is for, then accepts it for the WeChat user holding the phone.
 */
import type { InvitationPreview } from '../../../typings';
import { type PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatMoment } from '../../shared/china-time';
import { ROLE_LABELS } from '../../utils/roles';
import { showDone, showProblem } from '../../utils/toast';

const STATE_TEXT = { open: '', used: '该邀请已被使用', revoked: '该邀请已被撤销', expired: '该邀请已过期' };

/** A 小程序码's scene reaches onLoad URL-encoded; a typed code may carry spaces or capitals. */
function codeFrom(query: PageQuery): string {
  const raw = query.scene ? decodeURIComponent(query.scene) : (query.code ?? '');
  return raw.replace(/\s+/g, '').toLowerCase();
}

Component({
  behaviors: [pageLife],
  data: {
    code: '',
    typed: '',
    invitation: null as (InvitationPreview & { roleLabel: string; stateText: string; until: string }) | null,
    accepting: false,
  },
  methods: {
    async load(query: PageQuery) {
      const code = this.data.code || codeFrom(query);
      if (!code) return { code: 0, message: '' }; // nothing to show yet: the typing form
      const res = await call('staff', 'preview', { code });
      if (res.code === 0)
        this.setData({
          code,
          invitation: {
            ...res.data,
            roleLabel: ROLE_LABELS[res.data.role],
            stateText: STATE_TEXT[res.data.state],
            until: formatMoment(res.data.expiresAt),
          },
        });
      return res;
    },
    onCode(e: WechatMiniprogram.Input) {
      this.setData({ typed: e.detail.value });
    },
    async look() {
      // As shown on the inviter's screen, in groups of four: the spaces are not part of it.
      const code = this.data.typed.replace(/\s+/g, '').toLowerCase();
      if (!code) {
        showProblem('请输入邀请码');
        return;
      }
      const res = await call('staff', 'preview', { code });
      if (res.code !== 0) {
        showProblem(res.message);
        return;
      }
      this.setData({ code });
      await this.refresh();
    },
    async accept() {
      if (this.data.accepting) return;
      this.setData({ accepting: true });
      const res = await call('staff', 'accept', { code: this.data.code });
      this.setData({ accepting: false });
      if (res.code !== 0) {
        showProblem(res.message);
        return;
      }
      showDone('已加入');
      wx.reLaunch({ url: '/pages/home/home' });
    },
  },
});
