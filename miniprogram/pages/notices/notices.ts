/**
 * 通知公告 (residents): the notices of the last 30 days for my street, 社区, enclosure and
 * building, newest first; an unread one is marked until opened. 紧急 ones say so, and come as a
 * WeChat message to whoever subscribed: one tap, one message (WeChat's rule), so 订阅 says how many
 * are left.
 */
import type { NoticeSummary } from '../../../typings';
import { careMode } from '../../behaviors/care-mode';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatMoment } from '../../shared/china-time';
import { showNote, showProblem } from '../../utils/toast';

type Shown = NoticeSummary & { unread: boolean; when: string };

Component({
  behaviors: [pageLife, careMode],
  data: { notices: [] as Shown[], unread: 0, urgentTemplateId: '' },
  methods: {
    async load() {
      const res = await call('notices', 'inbox', {});
      if (res.code === 0)
        this.setData({
          notices: res.data.notices.map((n) => ({ ...n, when: formatMoment(n.publishedAt) })),
          unread: res.data.unread,
          urgentTemplateId: res.data.urgentTemplateId ?? '',
        });
      return res;
    },
    async subscribe() {
      const templateId = this.data.urgentTemplateId;
      const res = await wx.requestSubscribeMessage({ tmplIds: [templateId] }).catch(() => null);
      if (!res || (res as unknown as Record<string, string>)[templateId] !== 'accept') return;
      const saved = await call('notices', 'subscribe', { accepted: 1 });
      if (saved.code === 0) showNote(`已订阅，下一条紧急通知将提醒您（共 ${saved.data.remaining} 次）`);
      else showProblem(saved.message);
    },
    open(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/notice/notice?id=${String(e.currentTarget.dataset.id)}` });
    },
  },
});
