/**
 * 阅读情况 (the publisher, the street, the notice's 社区): how many residents of each building — or
 * of each enclosure, for a wider notice — have opened it, against how many live there. Shared from
 * here into the building chat, the card opens the resident's notice page.
 */
import type { NoticeView } from '../../../typings';
import { PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatMoment } from '../../shared/china-time';

interface Place {
  id: string;
  name: string;
  reads: number;
  residents: number;
  share: string;
}

Component({
  behaviors: [pageLife],
  data: {
    id: '',
    notice: null as (NoticeView & { when: string }) | null,
    places: [] as Place[],
    total: { reads: 0, residents: 0 },
  },
  methods: {
    onShareAppMessage() {
      return {
        title: this.data.notice ? `【${this.data.notice.kindName}】${this.data.notice.title}` : '通知公告',
        path: `/pages/notice/notice?id=${this.data.id}`,
      };
    },
    async load(query: PageQuery) {
      if (!this.data.id) {
        this.setData({ id: query.id ?? '' });
        if (typeof wx.showShareMenu === 'function')
          wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage'] });
      }
      const res = await call('notices', 'reads', { noticeId: this.data.id });
      if (res.code !== 0) return res;
      const places = res.data.places.map((p) => ({
        ...p,
        share: p.residents ? `${Math.round((100 * p.reads) / p.residents)}%` : '—',
      }));
      this.setData({
        notice: { ...res.data.notice, when: formatMoment(res.data.notice.publishedAt) },
        places,
        total: {
          reads: places.reduce((n, p) => n + p.reads, 0),
          residents: places.reduce((n, p) => n + p.residents, 0),
        },
      });
      return res;
    },
  },
});
