/**
 * 通行码: one's own pass, or a household member's (opened from 我的家庭 or chosen on the page),
 * live: see behaviors/live-pass. The QR token expires in two minutes, so a screenshot stops working.
 */
import { type PageQuery, pageLife } from '../../behaviors/page-life';
import { careMode } from '../../behaviors/care-mode';
import { livePass } from '../../behaviors/live-pass';

Component({
  behaviors: [pageLife, livePass, careMode],
  methods: {
    async load(query: PageQuery) {
      // The query names the member the first time; a member chosen on the page stays when shown again.
      if (!this.data.pass && query.residentId) this.setData({ passFor: query.residentId });
      const [res] = await Promise.all([this.showPass(), this.loadPassMembers()]);
      return res;
    },
  },
});
