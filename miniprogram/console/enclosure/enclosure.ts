/**
 * 围合区管理: one enclosure's buildings, gates and grids, each added, edited or retired here.
 * Retired ones stay listed (greyed, 已停用) because logs and residents still point at them. A
 * building belongs to one live grid at most, so the grid form says which grid holds the others.
 * Each building's 联系人 and 包干责任人 are listed with their full numbers, a tap away from a call.
 * The server checks everything again and words every refusal; this page shows it where it belongs.
 */
import type { BuildingView, EnclosureDetail, GateView, GridView } from '../../../typings';
import { pageLife, type PageQuery } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { retireWithReason } from '../shared/retire';
import { newRequestId } from '../../utils/request-id';
import { showDone } from '../../utils/toast';
import {
  ENCLOSURE_TYPE_LABELS,
  KIND_LABELS,
  ROOM_SCHEMES,
  ROOM_SCHEME_LABELS,
  type SaveBody,
  formErrors,
  requestIdAfter,
} from '../shared/estate-forms';
import { type Choice, type ItemForm, type ItemKind, blankForm, choicesFor, formOf, localProblems } from './item-form';
import { PERSON_FIELDS, type PersonLine, callPhone, flatErrors, personLines, personsToSend } from '../shared/persons';

interface BuildingRow extends BuildingView {
  schemeLabel: string;
  people: PersonLine[];
}
interface GridRow extends GridView {
  buildingNames: string;
}

/** What retiring stops, said in the confirmation (the reason goes in its input). */
const FIELDS: Record<ItemKind, string[]> = {
  building: ['name', 'units', 'floors', 'roomScheme', ...PERSON_FIELDS],
  gate: ['name', 'vehicles'],
  grid: ['name', 'buildingIds'],
};

function buildingRows(detail: EnclosureDetail): BuildingRow[] {
  return detail.buildings.map((b) => ({
    ...b,
    schemeLabel: ROOM_SCHEME_LABELS[b.roomScheme] ?? b.roomScheme,
    people: personLines(b),
  }));
}
function gridRows(detail: EnclosureDetail): GridRow[] {
  const names = new Map(detail.buildings.map((b) => [b.id, b.retired ? `${b.name}（已停用）` : b.name]));
  return detail.grids.map((g) => ({
    ...g,
    buildingNames: g.buildingIds
      .map((id) => names.get(id) ?? '')
      .filter(Boolean)
      .join('、'),
  }));
}

Component({
  behaviors: [pageLife],
  data: {
    enclosureId: '',
    detail: null as EnclosureDetail | null,
    typeLabel: '',
    /** The enclosure's own 联系人 and 包干责任人 (edited elsewhere, shown here to call). */
    enclosurePeople: [] as PersonLine[],
    buildings: [] as BuildingRow[],
    gates: [] as GateView[],
    grids: [] as GridRow[],
    schemeNames: ROOM_SCHEMES.map((s) => ROOM_SCHEME_LABELS[s]),
    /** The one add or edit form open, if any. */
    form: null as ItemForm | null,
    /** The grid form's building checkboxes. */
    choices: [] as Choice[],
    /** A refused retirement's message, beside the item it concerns. */
    retireErrors: {} as Record<string, string>,
    busy: false,
  },
  methods: {
    async load(query: PageQuery) {
      if (!this.data.enclosureId) this.setData({ enclosureId: query.enclosureId ?? '' });
      const res = await call('estate', 'enclosure', { enclosureId: this.data.enclosureId });
      if (res.code !== 0) return res;
      const detail = res.data;
      this.setData({
        detail,
        typeLabel: ENCLOSURE_TYPE_LABELS[detail.enclosure.type] ?? detail.enclosure.type,
        enclosurePeople: personLines(detail.enclosure),
        buildings: buildingRows(detail),
        gates: detail.gates,
        grids: gridRows(detail),
        ...(this.data.form?.kind === 'grid' ? { choices: choicesFor(detail, this.data.form) } : {}),
      });
      return res;
    },
    openLink(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: String(e.currentTarget.dataset.url) });
    },
    callPhone,
    openAdd(e: WechatMiniprogram.TouchEvent) {
      this.openForm(blankForm(e.currentTarget.dataset.kind as ItemKind));
    },
    openEdit(e: WechatMiniprogram.TouchEvent) {
      const { kind, id } = e.currentTarget.dataset as { kind: ItemKind; id: string };
      const detail = this.data.detail;
      if (detail) this.openForm(formOf(detail, kind, id));
    },
    openForm(form: ItemForm | null) {
      const detail = this.data.detail;
      this.setData({ form, choices: detail && form?.kind === 'grid' ? choicesFor(detail, form) : [] });
    },
    closeForm() {
      this.setData({ form: null, choices: [] });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string | number | boolean }>) {
      const field = String(e.currentTarget.dataset.field);
      const value = field === 'schemeIndex' ? Number(e.detail.value) : e.detail.value;
      this.setData({ [`form.${field}`]: value });
    },
    onBuildings(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const form = this.data.form;
      const detail = this.data.detail;
      if (!form || !detail) return;
      const next = { ...form, buildingIds: e.detail.value };
      this.setData({ 'form.buildingIds': e.detail.value, choices: choicesFor(detail, next) });
    },
    async save() {
      const form = this.data.form;
      if (this.data.busy || !form) return;
      const problems = localProblems(form);
      if (Object.keys(problems).length) {
        this.setData({ 'form.errors': problems });
        return;
      }
      const requestId = form.requestId || newRequestId();
      this.setData({ busy: true, 'form.requestId': requestId, 'form.errors': {} });
      const res = await call('estate', 'save', { ...this.bodyOf(form), requestId });
      this.setData({ busy: false });
      if (res.code !== 0) {
        this.setData({
          'form.errors': flatErrors(formErrors(res, FIELDS[form.kind])),
          'form.requestId': requestIdAfter(res, requestId),
        });
        return;
      }
      this.setData({ form: null, choices: [] });
      showDone(form.id ? '已保存' : `${KIND_LABELS[form.kind]}已新增`);
      await this.refresh();
    },
    bodyOf(form: ItemForm): SaveBody {
      const common = {
        enclosureId: this.data.enclosureId,
        name: form.name.trim(),
        ...(form.id ? { id: form.id } : {}),
      };
      if (form.kind === 'building')
        return {
          kind: 'building',
          ...common,
          units: Number(form.units),
          floors: Number(form.floors),
          roomScheme: ROOM_SCHEMES[form.schemeIndex],
          ...personsToSend(form),
        };
      if (form.kind === 'gate') return { kind: 'gate', ...common, vehicles: form.vehicles };
      return { kind: 'grid', ...common, buildingIds: form.buildingIds };
    },
    async retire(e: WechatMiniprogram.TouchEvent) {
      const { kind, id, name } = e.currentTarget.dataset as { kind: ItemKind; id: string; name: string };
      if (this.data.busy) return;
      this.noteRetire(id, '');
      const problem = await retireWithReason(kind, id, name, (busy) => this.setData({ busy }));
      if (problem === null) return;
      if (problem) {
        this.noteRetire(id, problem);
        return;
      }
      showDone('已停用');
      await this.refresh();
    },
    noteRetire(id: string, message: string) {
      this.setData({ retireErrors: { ...this.data.retireErrors, [id]: message } });
    },
  },
});
