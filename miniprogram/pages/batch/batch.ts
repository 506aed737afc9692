/**
 * 团购详情与下单: what is offered, by which supplier, until when; the household picks quantities
 * within each item's per-household limit and what is left. The server prices the order and takes
 * the stock; this page only keeps the steppers honest for early feedback. Organisers (and grid
 * workers) also find the pick list, an early cut-off and cancelling here.
 */
import type { BatchDetail, BatchItemView, MyOrder } from '../../../typings';
import { careMode } from '../../behaviors/care-mode';
import { pageLife, type PageQuery } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatFen } from '../../shared/money';
import { newRequestId } from '../../utils/request-id';
import { showDone, showNote, showOutcome, showProblem } from '../../utils/toast';

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
/** The standing order's version, 0 for none (the server bumps it on every change, cancelling too). */
const standing = (order: MyOrder | null) => order?.version ?? 0;

Component({
  behaviors: [pageLife, careMode],
  data: {
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
    onShareAppMessage() {
      const batch = this.data.batch;
      return {
        title: batch ? `${batch.title} 截单 ${batch.cutoffText}` : '社区团购',
        path: batch ? batch.sharePath : `/pages/batch/batch?id=${this.data.id}`,
      };
    },
    async load(query: PageQuery) {
      if (!this.data.id) {
        // The first load: which batch, and the share menu WeChat then keeps for the page.
        this.setData({ id: query.id ?? '' });
        if (typeof wx.showShareMenu === 'function')
          wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage'] });
      }
      const res = await call('groupbuy', 'batch', { batchId: this.data.id });
      if (res.code !== 0) return res;
      const batch = res.data;
      const order = batch.myOrder && batch.myOrder.state === 'placed' ? batch.myOrder : null;
      // A choice not yet sent survives a reload (shown again, stock ran out), cut down to what is
      // left, while the order it was made against stands; once that changed (sent, cancelled, a
      // family member's edit) the order as it is now is shown.
      const keep = !!this.data.batch && standing(order) === standing(this.data.order);
      const chosen = new Map(
        keep ? this.data.rows.map((r) => [r.id, r.qty]) : (order?.lines.map((l) => [l.itemId, l.qty]) ?? []),
      );
      const rows = rowsFor(batch.items, order, chosen);
      this.setData({
        batch,
        order,
        baseVersion: batch.myOrder?.version ?? 0,
        rows,
        totalText: totalOf(rows),
        editable: batch.phase === 'open' && (!order || order.canChange),
      });
      return res;
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
        showProblem('请至少选择一件商品');
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
        showProblem(res.message);
        // Stock ran out: the choice is kept against what is left. A family member changed the order:
        // theirs is shown (see `load`).
        if (res.code === 'RESOURCE_EXHAUSTED' || res.code === 'CONFLICT') await this.refresh();
        return;
      }
      // What the server now holds under this id: the same lines sent again are the same order.
      this.setData({ sentKey: JSON.stringify({ baseVersion: res.data.version, lines }) });
      showDone(changing ? '订单已修改' : '下单成功');
      await this.refresh();
    },
    async cancelOrder() {
      if (this.data.busy) return;
      const { confirm } = await wx.showModal({
        title: '取消订单',
        content: '确定取消本次团购订单吗？',
        confirmText: '取消订单',
        cancelText: '保留订单',
      });
      if (!confirm) return;
      this.setData({ busy: true });
      const res = await call('groupbuy', 'cancel', { batchId: this.data.id, requestId: newRequestId() });
      this.setData({ busy: false });
      if (showOutcome(res, '订单已取消')) await this.refresh();
    },
    openPickList() {
      wx.navigateTo({ url: `/pages/picklist/picklist?id=${this.data.id}` });
    },
    async closeBatch() {
      if (this.data.busy) return;
      const { confirm } = await wx.showModal({
        title: '提前截单',
        content: '截单后住户不能再下单或修改订单，确定现在截单吗？',
        confirmText: '截单',
        cancelText: '暂不截单',
      });
      if (!confirm) return;
      this.setData({ busy: true });
      const res = await call('groupbuy', 'close', { batchId: this.data.id });
      this.setData({ busy: false });
      if (showOutcome(res, '已截单')) await this.refresh();
    },
    async cancelBatch() {
      if (this.data.busy) return;
      const answer = await wx.showModal({
        title: '取消团购',
        editable: true,
        placeholderText: '请填写取消原因，将告知已下单住户',
        // Not 取消 / 确定: here 取消 would read as "cancel the batch".
        confirmText: '取消团购',
        cancelText: '不取消',
      });
      if (!answer.confirm) return;
      const reason = (answer.content ?? '').trim();
      if (!reason) {
        showProblem('请填写取消原因');
        return;
      }
      this.setData({ busy: true });
      const res = await call('groupbuy', 'cancelBatch', { batchId: this.data.id, reason });
      this.setData({ busy: false });
      // Longer than the tick's title allows, so plain text.
      if (res.code === 0) showNote(`团购已取消，${res.data.cancelledOrders} 笔订单已撤销`);
      else showProblem(res.message);
      if (res.code === 0) await this.refresh();
    },
  },
});
