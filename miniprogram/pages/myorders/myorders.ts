/**
 * 我的订单: what I ordered in each batch and where it is; confirm receipt once it is at the pickup
 * point or at my door, and complain (with an optional photo) to the organiser, who answers here.
 */
import type { ComplaintReason, MyOrder } from '../../../typings';
import { careMode } from '../../behaviors/care-mode';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { uploadToCloud } from '../../services/storage';
import { fieldErrors } from '../../utils/errors';
import { showDone, showProblem } from '../../utils/toast';

const REASONS: { code: ComplaintReason; label: string }[] = [
  { code: 'short', label: '缺斤少两' },
  { code: 'quality', label: '质量问题' },
  { code: 'price', label: '价格问题' },
  { code: 'missing', label: '漏送' },
  { code: 'other', label: '其他' },
];

interface OrderCard extends MyOrder {
  lineTexts: string[];
  canConfirm: boolean;
  canComplain: boolean;
  answerText: string;
}

function cardOf(order: MyOrder): OrderCard {
  const placed = order.state === 'placed';
  return {
    ...order,
    lineTexts: order.lines.map((l) => `${l.name} ×${l.qty}${l.unit}`),
    canConfirm: placed && (order.delivery === 'ready' || order.delivery === 'delivered'),
    canComplain: placed && order.delivery !== 'pending' && !order.complaint,
    answerText: order.complaint?.answer ? `团长答复：${order.complaint.answer}` : '等待团长答复',
  };
}

const emptyForm = () => ({ reasonIndex: 0, detail: '', photoPath: '', photoFileId: '', uploading: false });

Component({
  // Shown again (back from a batch where the order was changed or cancelled): the orders are re-read.
  behaviors: [pageLife, careMode],
  data: {
    orders: [] as OrderCard[],
    busy: false,
    /** The order whose complaint form is open; one at a time. */
    complaining: '',
    reasonLabels: REASONS.map((r) => r.label),
    form: emptyForm(),
    errors: {} as Record<string, string>,
    canAttach: false,
  },
  methods: {
    async load() {
      const res = await call('groupbuy', 'myOrders', {});
      if (res.code === 0)
        this.setData({ orders: res.data.map(cardOf), canAttach: typeof wx.chooseMedia === 'function' });
      return res;
    },
    /** Puts the server's latest copy of one order in its place. */
    replace(order: MyOrder) {
      this.setData({ orders: this.data.orders.map((o) => (o.id === order.id ? cardOf(order) : o)) });
    },
    openBatch(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/batch/batch?id=${String(e.currentTarget.dataset.id)}` });
    },
    async confirm(e: WechatMiniprogram.TouchEvent) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const res = await call('groupbuy', 'confirm', { orderId: String(e.currentTarget.dataset.id) });
      this.setData({ busy: false });
      if (res.code !== 0) {
        showProblem(res.message);
        return;
      }
      showDone('已确认收货');
      this.replace(res.data);
    },
    startComplaint(e: WechatMiniprogram.TouchEvent) {
      this.setData({ complaining: String(e.currentTarget.dataset.id), form: emptyForm(), errors: {} });
    },
    closeComplaint() {
      this.setData({ complaining: '', errors: {} });
    },
    onReason(e: WechatMiniprogram.PickerChange) {
      this.setData({ 'form.reasonIndex': Number(e.detail.value) });
    },
    onDetail(e: WechatMiniprogram.Input) {
      this.setData({ 'form.detail': e.detail.value });
    },
    async choosePhoto() {
      const orderId = this.data.complaining;
      const picked = await wx
        .chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] })
        .catch(() => null);
      const filePath = picked?.tempFiles[0]?.tempFilePath;
      if (!filePath) return;
      this.setData({ 'form.uploading': true, 'form.photoPath': filePath });
      // Only the photo's fileID is sent; without one the complaint is still worth sending.
      const fileID = await uploadToCloud(`complaints/${orderId}-${Date.now()}.jpg`, filePath);
      this.setData({
        'form.uploading': false,
        'form.photoFileId': fileID ?? '',
        'form.photoPath': fileID ? filePath : '',
      });
      if (!fileID) showProblem('照片上传失败，可不附照片提交');
    },
    async submitComplaint() {
      const { form, complaining: orderId } = this.data;
      if (this.data.busy || form.uploading) return;
      const detail = form.detail.trim();
      if (!detail) {
        this.setData({ errors: { detail: '请描述遇到的问题' } });
        return;
      }
      this.setData({ busy: true, errors: {} });
      const res = await call('groupbuy', 'complain', {
        orderId,
        reason: REASONS[form.reasonIndex].code,
        detail,
        ...(form.photoFileId ? { photoFileId: form.photoFileId } : {}),
      });
      this.setData({ busy: false });
      if (res.code !== 0) {
        this.setData({ errors: fieldErrors(res) });
        return;
      }
      const order = this.data.orders.find((o) => o.id === orderId);
      this.setData({ complaining: '' });
      if (order) this.replace({ ...order, complaint: res.data });
      showDone('投诉已提交');
    },
  },
});
