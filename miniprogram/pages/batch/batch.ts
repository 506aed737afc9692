/**
 * 团购详情与下单: what is offered, by which supplier, until when; the household picks quantities
 * within each item's per-household limit and what is left. The server prices the order and takes
 * the stock; this page only keeps the steppers honest for early feedback. Organisers (and grid
 * workers) also find the pick list, an early cut-off and cancelling here.
 */
import type { BatchDetail, BatchItemView, MyOrder } from '../../../typings';
import { call } from '../../services/cloud';
import { formatFen } from '../../shared/money';
import { newRequestId } from '../../utils/request-id';

interface ItemRow extends BatchItemView {
  qty: number;
  /** What my placed order already holds: that stock was taken for me, so I may keep it. */
  held: number;
  /** Most I may order now: the limit, or what is left plus what I hold. */
  max: number;
  soldOut: boolean;
  hint: string;
}

function withQty(row: ItemRow, qty: number): ItemRow {
  const hint =
    qty >= row.limit
      ? `已达每户限购 ${row.limit}${row.unit}`
      : qty > 0 && qty >= row.max
        ? `库存已不足，最多 ${row.max}${row.unit}`
        : '';
  return { ...row, qty, hint };
}

function rowsFor(items: BatchItemView[], order: MyOrder | null, chosen: Map<string, number>): ItemRow[] {
  return items.map((item) => {
    const held = order?.lines.find((l) => l.itemId === item.id)?.qty ?? 0;
    const max = Math.min(item.limit, item.remaining + held);
    const row = { ...item, held, max, soldOut: item.remaining === 0 && held === 0, qty: 0, hint: '' };
    return withQty(row, Math.min(chosen.get(item.id) ?? 0, max));
  });
}

const totalOf = (rows: ItemRow[]) => formatFen(rows.reduce((sum, r) => sum + r.priceFen * r.qty, 0));

Component({
  data: {
    loading: true,
    error: '',
    id: '',
    batch: null as BatchDetail | null,
    /** My order while it stands (a cancelled one is as good as none). */
    order: null as MyOrder | null,
    rows: [] as ItemRow[],
    totalText: formatFen(0),
    editable: false,
    busy: false,
    /** The version of the household's order this form started from (0: none yet), for `baseVersion`. */
    baseVersion: 0,
    /**
     * The id of the last order sent and what it was (lines and base version): sending the same again
     * reuses it, so a retry or a second tap is one order; any edit, or a family member's change, is new.
     */
    requestId: '',
    sentKey: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ id: options.id ?? '' });
      if (typeof wx.showShareMenu === 'function')
        wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage'] });
      void this.load(false);
    },
    onShareAppMessage() {
      const batch = this.data.batch;
      return {
        title: batch ? `${batch.title} 截单 ${batch.cutoffText}` : '社区团购',
        path: batch ? batch.sharePath : `/pages/batch/batch?id=${this.data.id}`,
      };
    },
    retry() {
      this.setData({ loading: true, error: '' });
      void this.load(false);
    },
    /** keepQty: after a refusal the household keeps its choice, cut down to what is left. */
    async load(keepQty: boolean) {
      const res = await call('groupbuy', 'batch', { batchId: this.data.id });
      if (res.code !== 0) {
        this.setData({ loading: false, error: res.message });
        return;
      }
      const batch = res.data;
      const order = batch.myOrder && batch.myOrder.state === 'placed' ? batch.myOrder : null;
      const chosen = new Map(
        keepQty ? this.data.rows.map((r) => [r.id, r.qty]) : (order?.lines.map((l) => [l.itemId, l.qty]) ?? []),
      );
      const rows = rowsFor(batch.items, order, chosen);
      this.setData({
        loading: false,
        error: '',
        batch,
        order,
        baseVersion: batch.myOrder?.version ?? 0,
        rows,
        totalText: totalOf(rows),
        editable: batch.phase === 'open' && (!order || order.canChange),
      });
    },
    step(e: WechatMiniprogram.TouchEvent) {
      const index = Number(e.currentTarget.dataset.index);
      const row = this.data.rows[index];
      const qty = row.qty + Number(e.currentTarget.dataset.delta);
      // A disabled button sends no tap on a phone; this guards every other way in.
      if (!this.data.editable || this.data.busy || qty < 0 || qty > row.max) return;
      const rows = this.data.rows.map((r, i) => (i === index ? withQty(r, qty) : r));
      this.setData({ rows, totalText: totalOf(rows) });
    },
    async submit() {
      if (this.data.busy || !this.data.editable) return;
      const lines = this.data.rows.filter((r) => r.qty > 0).map((r) => ({ itemId: r.id, qty: r.qty }));
      if (!lines.length) {
        wx.showToast({ title: '请至少选择一件商品', icon: 'none' });
        return;
      }
      const baseVersion = this.data.baseVersion;
      const sentKey = JSON.stringify({ baseVersion, lines });
      const requestId = sentKey === this.data.sentKey ? this.data.requestId : newRequestId();
      const changing = !!this.data.order;
      this.setData({ busy: true, requestId, sentKey });
      const res = await call('groupbuy', 'order', { batchId: this.data.id, requestId, baseVersion, lines });
      this.setData({ busy: false });
      if (res.code !== 0) {
        wx.showToast({ title: res.message, icon: 'none' });
        // Stock ran out: keep the choice against what is left. A family member changed the order: show theirs.
        if (res.code === 'RESOURCE_EXHAUSTED') await this.load(true);
        if (res.code === 'CONFLICT') await this.load(false);
        return;
      }
      // What the server now holds under this id: the same lines sent again are the same order.
      this.setData({ sentKey: JSON.stringify({ baseVersion: res.data.version, lines }) });
      wx.showToast({ title: changing ? '订单已修改' : '下单成功', icon: 'success' });
      await this.load(false);
    },
    async cancelOrder() {
      if (this.data.busy) return;
      const { confirm } = await wx.showModal({ title: '取消订单', content: '确定取消本次团购订单吗？' });
      if (!confirm) return;
      this.setData({ busy: true });
      const res = await call('groupbuy', 'cancel', { batchId: this.data.id, requestId: newRequestId() });
      this.setData({ busy: false });
      wx.showToast({ title: res.code === 0 ? '订单已取消' : res.message, icon: res.code === 0 ? 'success' : 'none' });
      if (res.code === 0) await this.load(false);
    },
    openPickList() {
      wx.navigateTo({ url: `/pages/picklist/picklist?id=${this.data.id}` });
    },
    async closeBatch() {
      if (this.data.busy) return;
      const { confirm } = await wx.showModal({
        title: '提前截单',
        content: '截单后住户不能再下单或修改订单，确定现在截单吗？',
      });
      if (!confirm) return;
      this.setData({ busy: true });
      const res = await call('groupbuy', 'close', { batchId: this.data.id });
      this.setData({ busy: false });
      wx.showToast({ title: res.code === 0 ? '已截单' : res.message, icon: res.code === 0 ? 'success' : 'none' });
      if (res.code === 0) await this.load(false);
    },
    async cancelBatch() {
      if (this.data.busy) return;
      const answer = await wx.showModal({
        title: '取消团购',
        editable: true,
        placeholderText: '请填写取消原因，将告知已下单住户',
      });
      if (!answer.confirm) return;
      const reason = (answer.content ?? '').trim();
      if (!reason) {
        wx.showToast({ title: '请填写取消原因', icon: 'none' });
        return;
      }
      this.setData({ busy: true });
      const res = await call('groupbuy', 'cancelBatch', { batchId: this.data.id, reason });
      this.setData({ busy: false });
      wx.showToast({
        title: res.code === 0 ? `团购已取消，${res.data.cancelledOrders} 笔订单已撤销` : res.message,
        icon: 'none',
      });
      if (res.code === 0) await this.load(false);
    },
  },
});
