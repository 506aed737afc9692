/**
 * One notice, opened from the list or from its share card in the building chat
 * (`/pages/notice/notice?id=`): the cloud marks it read once, and refuses a card forwarded to
 * someone it was not for. Residents share it on into their chat from here.
 */
import type { NoticeView } from '../../../typings';
import { careMode } from '../../behaviors/care-mode';
import { PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatMoment } from '../../shared/china-time';

Component({
  behaviors: [pageLife, careMode],
  data: { id: '', notice: null as (NoticeView & { when: string }) | null },
  methods: {
    onShareAppMessage() {
      return {
        title: this.data.notice ? `【${this.data.notice.kindName}】${this.data.notice.title}` : '通知公告',
        path: `/pages/notice/notice?id=${this.data.id}`,
      };
    },
    preview(e: WechatMiniprogram.TouchEvent) {
      const url = String(e.currentTarget.dataset.url);
      wx.previewImage({ urls: this.data.notice?.imageUrls ?? [url], current: url });
    },
    async load(query: PageQuery) {
      if (!this.data.id) {
        this.setData({ id: query.id ?? '' });
        if (typeof wx.showShareMenu === 'function') wx.showShareMenu({ menus: ['shareAppMessage'] });
      }
      const res = await call('notices', 'open', { noticeId: this.data.id });
      if (res.code === 0) this.setData({ notice: { ...res.data, when: formatMoment(res.data.publishedAt) } });
      return res;
    },
  },
});
