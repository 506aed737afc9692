/**
 * 工作人员: who works where, in the caller's scope (the street admin sees everyone, a community
 * admin the grid workers and volunteers of their 社区). An admin suspends someone, with a reason,
 * or hands a leaving grid worker's grids and gates to another grid worker of the same enclosure.
 */
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { showDone } from '../../utils/toast';
import { type Group, type Row, groupsOf, handOverText, suspendHint, suspendTitle } from './staff-list';

Component({
  behaviors: [pageLife],
  data: {
    groups: [] as Group[],
    /** A refusal or a missing reason, beside the member it concerns, by userId. */
    errors: {} as Record<string, string>,
    /** The member being suspended or handed over ('' when none). */
    busy: '',
  },
  methods: {
    async load() {
      const res = await call('staff', 'members', {});
      if (res.code === 0) this.setData({ groups: groupsOf(res.data) });
      return res;
    },
    rowOf(userId: unknown): Row | undefined {
      for (const group of this.data.groups) {
        const row = group.members.find((m) => m.userId === userId);
        if (row) return row;
      }
      return undefined;
    },
    note(userId: string, message: string) {
      this.setData({ errors: { ...this.data.errors, [userId]: message } });
    },
    async suspend(e: WechatMiniprogram.TouchEvent) {
      const row = this.rowOf(e.currentTarget.dataset.id);
      if (!row || this.data.busy) return;
      this.note(row.userId, '');
      const answer = await wx.showModal({
        title: suspendTitle(row),
        editable: true,
        placeholderText: suspendHint(row),
        confirmText: '停用',
        confirmColor: '#c0392b',
      });
      if (!answer.confirm) return;
      const reason = (answer.content ?? '').trim();
      if (reason.length < 2) {
        this.note(row.userId, '请填写停用原因（至少 2 个字）');
        return;
      }
      this.setData({ busy: row.userId });
      const res = await call('staff', 'suspend', { userId: row.userId, reason });
      this.setData({ busy: '' });
      if (res.code !== 0) {
        this.note(row.userId, res.message);
        return;
      }
      showDone('已停用');
      await this.refresh();
    },
    /** The receiver is picked first; the modal then says what moves to them. */
    async handOver(e: WechatMiniprogram.PickerChange) {
      const row = this.rowOf(e.currentTarget.dataset.id);
      const to = row?.receivers[Number(e.detail.value)];
      if (!row || !to || this.data.busy) return;
      this.note(row.userId, '');
      const { confirm } = await wx.showModal({
        title: '交接网格和卡口',
        content: handOverText(row, to),
        confirmText: '交接',
      });
      if (!confirm) return;
      this.setData({ busy: row.userId });
      const res = await call('staff', 'handOver', { fromUserId: row.userId, toUserId: to.userId });
      this.setData({ busy: '' });
      if (res.code !== 0) {
        this.note(row.userId, res.message);
        return;
      }
      showDone('已交接');
      await this.refresh();
    },
    openInvitations() {
      wx.navigateTo({ url: '/console/invitations/invitations' });
    },
  },
});
