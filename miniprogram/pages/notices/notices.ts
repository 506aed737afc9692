/**
 * 通知公告 (residents): the notices of the last 30 days for my street, 社区, enclosure and
 * building, newest first; an unread one is marked until opened. 紧急 ones say so.
 */
import type { NoticeSummary } from '../../../typings';
import { careMode } from '../../behaviors/care-mode';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatMoment } from '../../shared/china-time';

type Shown = NoticeSummary & { unread: boolean; when: string };

Component({
  behaviors: [pageLife, careMode],
  data: { notices: [] as Shown[], unread: 0 },
  methods: {
    async load() {
      const res = await call('notices', 'inbox', {});
      if (res.code === 0)
        this.setData({
          notices: res.data.notices.map((n) => ({ ...n, when: formatMoment(n.publishedAt) })),
          unread: res.data.unread,
        });
      return res;
    },
    open(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/notice/notice?id=${String(e.currentTarget.dataset.id)}` });
    },
  },
});
