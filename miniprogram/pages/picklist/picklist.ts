/**
 * 拣货单 (organisers, grid workers): what to ask the supplier for, then how to split it by building
 * and door, with a label per bag. Isolated households are flagged 【无接触】 with their volunteer.
 * "货已到取货点" tells every household to come; complaints are answered here.
 */
import { volunteerLabel } from '../../shared/volunteer';
import type { ComplaintView, PickDoor, PickItemTotal, PickListView } from '../../../typings';
import { pageLife, type PageQuery } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatFen } from '../../shared/money';
import { formatUntil } from '../../utils/status';
import { showDone, showNote, showProblem } from '../../utils/toast';

type TotalRow = PickItemTotal & { amountText: string };
type DoorRow = PickDoor & { lineText: string; stateText: string; volunteerText: string };
interface BuildingRow {
  buildingId: string;
  buildingName: string;
  doors: DoorRow[];
  summary: string;
}

/** A door's progress once it has any; `delivery` is a DeliveryState sent as a plain string. */
const DELIVERY_TEXT: Record<string, string> = { ready: '待取货', delivered: '已送到门口', received: '已收货' };

const totalRows = (totals: PickItemTotal[]): TotalRow[] =>
  totals.map((t) => ({ ...t, amountText: formatFen(t.amountFen) }));

function buildingRows(view: PickListView): BuildingRow[] {
  return view.buildings.map((b) => ({
    buildingId: b.buildingId,
    buildingName: b.buildingName,
    doors: b.doors.map((d) => ({
      ...d,
      lineText: d.lines.map((l) => `${l.name} ×${l.qty}${l.unit}`).join('、'),
      stateText: DELIVERY_TEXT[d.delivery] ?? '',
      volunteerText: d.volunteerName ? `配送：${volunteerLabel(d.volunteerName)}` : '待安排志愿者',
    })),
    summary: `${b.doors.length} 户 · ${formatFen(b.totalFen)} · ${b.itemTotals.map((t) => `${t.name}${t.qty}${t.unit}`).join('、')}`,
  }));
}

const complaintRow = (c: ComplaintView) => ({ ...c, atText: formatUntil(c.at) });

Component({
  behaviors: [pageLife],
  data: {
    id: '',
    title: '',
    orderCount: 0,
    totalText: '',
    contactlessCount: 0,
    unassigned: 0,
    itemTotals: [] as TotalRow[],
    buildings: [] as BuildingRow[],
    complaints: [] as ReturnType<typeof complaintRow>[],
    complaintsError: '',
    answers: {} as Record<string, string>,
    busy: false,
  },
  methods: {
    /** The pick list decides the page; complaints that fail to load say so in their own section. */
    async load(query: PageQuery) {
      const batchId = query.id ?? '';
      this.setData({ id: batchId });
      const [list, complaints] = await Promise.all([
        call('groupbuy', 'pickList', { batchId }),
        call('groupbuy', 'complaints', { batchId }),
      ]);
      if (list.code !== 0) return list;
      const view = list.data;
      this.setData({
        title: view.title,
        orderCount: view.orderCount,
        totalText: view.totalText,
        contactlessCount: view.contactlessCount,
        unassigned: view.unassigned,
        itemTotals: totalRows(view.itemTotals),
        buildings: buildingRows(view),
        complaints: complaints.code === 0 ? complaints.data.map(complaintRow) : [],
        complaintsError: complaints.code === 0 ? '' : complaints.message,
      });
      return list;
    },
    async arrived() {
      if (this.data.busy) return;
      const { confirm } = await wx.showModal({
        title: '货已到取货点',
        content: '将通知已下单住户前来取货，确定吗？',
        confirmText: '通知取货',
        cancelText: '还没到',
      });
      if (!confirm) return;
      this.setData({ busy: true });
      const res = await call('groupbuy', 'arrived', { batchId: this.data.id });
      this.setData({ busy: false });
      // Longer than the tick's title allows, so plain text.
      if (res.code === 0) showNote(`已通知 ${res.data.ready} 户取货`);
      else showProblem(res.message);
      if (res.code === 0) await this.refresh();
    },
    onAnswer(e: WechatMiniprogram.Input) {
      this.setData({ [`answers.${String(e.currentTarget.dataset.id)}`]: e.detail.value });
    },
    async answer(e: WechatMiniprogram.TouchEvent) {
      const orderId = String(e.currentTarget.dataset.id);
      const answer = (this.data.answers[orderId] ?? '').trim();
      if (this.data.busy) return;
      if (!answer) {
        showProblem('请填写答复');
        return;
      }
      this.setData({ busy: true });
      const res = await call('groupbuy', 'answer', { orderId, answer });
      this.setData({ busy: false });
      if (res.code !== 0) {
        showProblem(res.message);
        return;
      }
      showDone('已答复');
      this.setData({
        complaints: this.data.complaints.map((c) => (c.orderId === orderId ? complaintRow(res.data) : c)),
      });
    },
  },
});
