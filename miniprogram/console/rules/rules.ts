/**
 * 规则参数 (street admin only): the current version's parameters in an edit form, published as a
 * new version with only the fields that changed, and 版本记录 with what each version changed. The
 * server refuses anyone else, which the load-state block shows.
 */
import type { RuleConfig } from '../../../core/rule-config';
import type { RuleVersion } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatMoment } from '../../shared/china-time';
import { showDone, showNote } from '../../utils/toast';
import {
  type AreaRow,
  type NumberField,
  type NumberFields,
  changesOf,
  describeChanges,
  errorKeyOf,
  formOf,
  paramsOf,
  placeRefusal,
  readForm,
} from './rule-form';

interface VersionRow {
  version: number;
  who: string;
  when: string;
  note: string;
  changes: string[];
}

/** Each version beside the one before it (the list is newest first). */
function versionRows(history: RuleVersion[]): VersionRow[] {
  return history.map((v, i) => {
    const before = history[i + 1];
    let changes: string[];
    if (before) changes = describeChanges(paramsOf(before.config), paramsOf(v.config));
    else changes = [v.config.version === 1 ? '初始版本' : '更早的版本未列出，无法比较'];
    return {
      version: v.config.version,
      who: v.publishedBy,
      when: formatMoment(v.publishedAt),
      note: v.note,
      changes: changes.length ? changes : ['参数未变'],
    };
  });
}

Component({
  behaviors: [pageLife],
  data: {
    current: null as RuleConfig | null,
    fields: {} as NumberFields,
    areas: [] as AreaRow[],
    note: '',
    errors: {} as Record<string, string>,
    /** The officer has typed something: a reload (coming back to the page) keeps it. */
    dirty: false,
    busy: false,
    versions: [] as VersionRow[],
  },
  methods: {
    async load() {
      const [rules, history] = await Promise.all([call('admin', 'getRules', {}), call('admin', 'history', {})]);
      if (rules.code !== 0) return rules;
      if (history.code !== 0) return history;
      this.setData({ current: rules.data, versions: versionRows(history.data) });
      if (!this.data.dirty) this.setData({ ...formOf(rules.data), errors: {} });
      return rules;
    },
    onNumber(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field) as NumberField;
      this.setData({ [`fields.${field}`]: e.detail.value, [`errors.${errorKeyOf(field)}`]: '', dirty: true });
    },
    onArea(e: WechatMiniprogram.Input) {
      const { index, part } = e.currentTarget.dataset as { index: number; part: 'code' | 'name' };
      this.setData({ [`areas[${index}].${part}`]: e.detail.value, [`areas[${index}].error`]: '', dirty: true });
    },
    addArea() {
      const key = Math.max(-1, ...this.data.areas.map((a) => a.key)) + 1;
      this.setData({ areas: [...this.data.areas, { key, code: '', name: '', error: '' }], dirty: true });
    },
    removeArea(e: WechatMiniprogram.TouchEvent) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ areas: this.data.areas.filter((_, i) => i !== index), 'errors.keyAreas': '', dirty: true });
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ note: e.detail.value, 'errors.note': '', dirty: true });
    },
    async publish() {
      const current = this.data.current;
      if (this.data.busy || !current) return;
      const areas = this.data.areas.map((a) => ({ ...a, error: '' }));
      const read = readForm(this.data.fields, areas);
      if (!read.proposal) {
        this.setData({ errors: read.errors, areas });
        return;
      }
      const { params, rowOf } = read.proposal;
      const changes = changesOf(paramsOf(current), params);
      if (!Object.keys(changes).length) {
        this.setData({ errors: {}, areas });
        showNote(`与当前第 ${current.version} 版相比没有修改，无需发布`);
        return;
      }
      const note = this.data.note.trim();
      if (!note) {
        this.setData({ errors: { note: '请填写修改说明' }, areas });
        return;
      }
      this.setData({ busy: true, errors: {}, areas });
      // The confirmation names the next version: check that the one on screen is still the newest
      // (another admin, or this one's own publish whose answer was lost, may have made a newer one).
      const latest = await call('admin', 'getRules', {});
      if (latest.code !== 0 || latest.data.version !== current.version) {
        this.setData({ busy: false });
        if (latest.code !== 0) this.setData({ 'errors.form': latest.message });
        else {
          await this.refresh();
          this.setData({
            'errors.form': `规则已更新为第 ${latest.data.version} 版，页面已刷新，请核对修改后再发布`,
          });
        }
        return;
      }
      const lines = describeChanges(paramsOf(current), { ...paramsOf(current), ...changes });
      const { confirm } = await wx.showModal({
        title: `发布第 ${current.version + 1} 版规则`,
        content: `${lines.join('\n')}\n修改说明：${note}\n发布后，此后的每次状态计算都按新规则。`,
        confirmText: '发布',
      });
      if (!confirm) {
        this.setData({ busy: false });
        return;
      }
      // baseVersion: the server refuses if another version landed between the check above and now.
      const res = await call('admin', 'publishRules', { rules: changes, note, baseVersion: current.version });
      this.setData({ busy: false });
      if (res.code !== 0) {
        const { errors, rowErrors } = placeRefusal(res, rowOf);
        this.setData({
          errors,
          areas: this.data.areas.map((a, i) => ({ ...a, error: rowErrors[i] ?? '' })),
        });
        return;
      }
      this.setData({ ...formOf(res.data), current: res.data, note: '', dirty: false, errors: {} });
      showDone(`已发布第 ${res.data.version} 版`);
      await this.refresh();
    },
  },
});
