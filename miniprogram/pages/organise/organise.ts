/**
 * 发起团购 (organisers): what is sold, by whom, until when and when it arrives. Prices are typed in
 * yuan and sent as integer fen; times are picked in China Standard Time and sent with +08:00, so
 * the phone's own zone never shifts a cut-off. The server checks everything and names bad fields;
 * the checks here are only early feedback.
 */
import type { CreateBatchRequest } from '../../../typings';
import { call } from '../../services/cloud';
import { fieldErrors } from '../../utils/errors';
import { yuanToFen } from '../../shared/money';
import { newRequestId } from '../../utils/request-id';

interface ItemForm {
  name: string;
  unit: string;
  price: string;
  stock: string;
  limit: string;
  errors: { name?: string; unit?: string; price?: string; stock?: string; limit?: string };
}

/** Fields shown beside an input; any other refusal is shown once under the form. */
const SHOWN = ['title', 'pickupPoint', 'cutoffAt', 'deliveryStart', 'deliveryEnd', 'items'].concat(
  ['name', 'licence', 'contact'].map((f) => `supplier.${f}`),
);

const ITEM_FIELD = /^items\.\d+\.(name|unit|priceFen|stock|limit)$/;

const emptyItem = (): ItemForm => ({ name: '', unit: '', price: '', stock: '', limit: '', errors: {} });

/** "2020-02-15" in China Standard Time, days from today. */
function cstDate(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 24 * 3600_000).toISOString().slice(0, 10);
}

/** The picked CST date and time as an instant; '' until both are picked. */
const isoCst = (date: string, time: string) => (date && time ? `${date}T${time}:00+08:00` : '');

const isCount = (text: string) => /^\s*\d{1,6}\s*$/.test(text);

Component({
  data: {
    title: '',
    pickupPoint: '',
    cutoffDate: '',
    cutoffTime: '20:00',
    startDate: '',
    startTime: '09:00',
    endDate: '',
    endTime: '12:00',
    today: '',
    supplierName: '',
    licence: '',
    contact: '',
    items: [emptyItem()],
    errors: {} as Record<string, string>,
    formError: '',
    busy: false,
    /** The id of the last attempt and what it sent: a retry of the same form reuses it. */
    requestId: '',
    sentForm: '',
  },
  methods: {
    onLoad() {
      // Order today, delivered tomorrow: the usual rhythm of a building's group order.
      this.setData({ today: cstDate(0), cutoffDate: cstDate(0), startDate: cstDate(1), endDate: cstDate(1) });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ [String(e.currentTarget.dataset.field)]: e.detail.value });
    },
    onItemField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { index, field } = e.currentTarget.dataset as { index: number; field: keyof ItemForm };
      this.setData({ [`items[${index}].${field}`]: e.detail.value });
    },
    addItem() {
      this.setData({ items: [...this.data.items, emptyItem()] });
    },
    removeItem(e: WechatMiniprogram.TouchEvent) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ items: this.data.items.filter((_, i) => i !== index) });
    },
    /** Early feedback on what the server would refuse anyway: money, whole numbers, times picked. */
    checkLocally(): boolean {
      const items = this.data.items.map((item) => ({
        ...item,
        errors: {
          price: yuanToFen(item.price) === null ? '单价应为金额，最多两位小数，如 12.50' : undefined,
          stock: isCount(item.stock) ? undefined : '库存应为整数',
          limit: isCount(item.limit) ? undefined : '每户限购应为整数',
        },
      }));
      const errors: Record<string, string> = {};
      const d = this.data;
      if (!isoCst(d.cutoffDate, d.cutoffTime)) errors.cutoffAt = '请选择截单时间';
      if (!isoCst(d.startDate, d.startTime)) errors.deliveryStart = '请选择配送开始时间';
      if (!isoCst(d.endDate, d.endTime)) errors.deliveryEnd = '请选择配送结束时间';
      const bad = Object.keys(errors).length > 0 || items.some((i) => Object.values(i.errors).some(Boolean));
      this.setData({ items, errors, formError: '' });
      return !bad;
    },
    async submit() {
      if (this.data.busy || !this.checkLocally()) return;
      const d = this.data;
      const payload: Omit<CreateBatchRequest, 'action' | 'requestId'> = {
        title: d.title,
        items: d.items.map((i) => ({
          name: i.name,
          unit: i.unit,
          priceFen: yuanToFen(i.price) as number,
          stock: Number(i.stock),
          limit: Number(i.limit),
        })),
        cutoffAt: isoCst(d.cutoffDate, d.cutoffTime),
        deliveryStart: isoCst(d.startDate, d.startTime),
        deliveryEnd: isoCst(d.endDate, d.endTime),
        pickupPoint: d.pickupPoint,
        supplier: { name: d.supplierName, licence: d.licence, contact: d.contact },
      };
      const sentForm = JSON.stringify(payload);
      const requestId = sentForm === d.sentForm ? d.requestId : newRequestId();
      this.setData({ busy: true, requestId, sentForm });
      const res = await call('groupbuy', 'create', { ...payload, requestId });
      this.setData({ busy: false });
      if (res.code === 0) {
        wx.redirectTo({ url: `/pages/batch/batch?id=${res.data.batchId}` });
        return;
      }
      const errors = fieldErrors(res);
      const at = (i: number, f: string) => errors[`items.${i}.${f}`];
      const items = this.data.items.map((item, i) => ({
        ...item,
        errors: {
          name: at(i, 'name'),
          unit: at(i, 'unit'),
          price: at(i, 'priceFen'),
          stock: at(i, 'stock'),
          limit: at(i, 'limit'),
        },
      }));
      const shown = Object.keys(errors).some((k) => SHOWN.includes(k) || ITEM_FIELD.test(k));
      this.setData({ errors, items, formError: shown ? '' : res.message });
    },
  },
});
