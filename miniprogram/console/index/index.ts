/**
 * 街道工作台: the 社区 within the admin's reach and their 围合区, with how many live buildings,
 * gates and grids each holds. The street admin sets up 社区; both admins add 围合区 (a community
 * admin only in their own 社区, which the server checks again), with its 联系人 and 包干责任人 if
 * known. Tapping an enclosure opens it. Live ones are edited (a 社区 renamed, by the street admin)
 * or retired with a reason here; the server refuses retiring what still holds live things.
 */
import type { CommunitySummary, EnclosureSummary, EstateKind, Failure } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { retireWithReason } from '../shared/retire';
import { newRequestId } from '../../utils/request-id';
import { showDone } from '../../utils/toast';
import { ENCLOSURE_TYPES, ENCLOSURE_TYPE_LABELS, formErrors, requestIdAfter } from '../shared/estate-forms';
import {
  PERSON_FIELDS,
  blankPersons,
  flatErrors,
  personInputsOf,
  personProblems,
  personsToSend,
} from '../shared/persons';

interface EnclosureRow extends EnclosureSummary {
  typeLabel: string;
}
interface CommunityRow extends Omit<CommunitySummary, 'enclosures'> {
  enclosures: EnclosureRow[];
}

const closedCommunityForm = () => ({ open: false, name: '', errors: {} as Record<string, string>, requestId: '' });
const closedRenameForm = () => ({ id: '', name: '', errors: {} as Record<string, string>, requestId: '' });
/** Adding (no `id`, the 社区 picked) or editing (`id`, its 社区 fixed: residents point at it). */
const closedEnclosureForm = () => ({
  open: false,
  id: '',
  communityId: '',
  communityName: '',
  communityIndex: 0,
  name: '',
  typeIndex: 0,
  address: '',
  ...blankPersons(),
  errors: {} as Record<string, string>,
  requestId: '',
});

type EnclosureFormName = 'enclosureForm' | 'editForm';
type FormName = 'communityForm' | 'renameForm' | EnclosureFormName;
const ENCLOSURE_FIELDS = ['communityId', 'name', 'type', 'address', ...PERSON_FIELDS];
/** What retiring stops, said in the confirmation (the reason goes in its input). */
const rowsOf = (communities: CommunitySummary[]): CommunityRow[] =>
  communities.map((c) => ({
    ...c,
    enclosures: c.enclosures.map((e) => ({ ...e, typeLabel: ENCLOSURE_TYPE_LABELS[e.type] ?? e.type })),
  }));

Component({
  behaviors: [pageLife],
  data: {
    communities: [] as CommunityRow[],
    /** The street admin (`admin`): sets up 社区 and picks the 社区 of a new enclosure. */
    street: false,
    rolesKnown: false,
    /** 社区 a new enclosure may go into: the live ones (a retired 社区 takes none). */
    liveCommunities: [] as { id: string; name: string }[],
    communityNames: [] as string[],
    typeNames: ENCLOSURE_TYPES.map((t) => ENCLOSURE_TYPE_LABELS[t]),
    communityForm: closedCommunityForm(),
    enclosureForm: closedEnclosureForm(),
    renameForm: closedRenameForm(),
    editForm: closedEnclosureForm(),
    /** A refusal to retire (or to open for editing), beside the 社区 or enclosure, by id. */
    itemErrors: {} as Record<string, string>,
    busy: false,
  },
  methods: {
    async load() {
      // Roles do not change while the page is open; the tree does (another admin, a retirement).
      const [tree, me] = await Promise.all([
        call('estate', 'tree', {}),
        this.data.rolesKnown ? null : call('account', 'me', {}),
      ]);
      if (tree.code !== 0) return tree;
      if (me && me.code !== 0) return me;
      const live = tree.data.communities.filter((c) => !c.retired).map((c) => ({ id: c.id, name: c.name }));
      this.setData({
        communities: rowsOf(tree.data.communities),
        liveCommunities: live,
        communityNames: live.map((c) => c.name),
        ...(me ? { street: me.data.roles.includes('admin'), rolesKnown: true } : {}),
      });
      return tree;
    },
    openEnclosure(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/console/enclosure/enclosure?enclosureId=${String(e.currentTarget.dataset.id)}` });
    },
    openLink(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: String(e.currentTarget.dataset.url) });
    },
    toggleCommunityForm() {
      this.setData({ communityForm: { ...closedCommunityForm(), open: !this.data.communityForm.open } });
    },
    toggleEnclosureForm() {
      this.setData({ enclosureForm: { ...closedEnclosureForm(), open: !this.data.enclosureForm.open } });
    },
    onCommunityName(e: WechatMiniprogram.Input) {
      this.setData({ 'communityForm.name': e.detail.value });
    },
    onEnclosureField(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      const { field, form } = e.currentTarget.dataset as { field: string; form: EnclosureFormName };
      const value = field.endsWith('Index') ? Number(e.detail.value) : e.detail.value;
      this.setData({ [`${form}.${field}`]: value });
    },
    openRename(e: WechatMiniprogram.TouchEvent) {
      const { id, name } = e.currentTarget.dataset as { id: string; name: string };
      const open = this.data.renameForm.id !== id;
      this.setData({ renameForm: open ? { ...closedRenameForm(), id, name } : closedRenameForm() });
    },
    onRenameName(e: WechatMiniprogram.Input) {
      this.setData({ 'renameForm.name': e.detail.value });
    },
    async saveRename() {
      const form = this.data.renameForm;
      if (this.data.busy || !form.id) return;
      const requestId = form.requestId || newRequestId();
      this.setData({ busy: true, 'renameForm.requestId': requestId, 'renameForm.errors': {} });
      const res = await call('estate', 'save', { kind: 'community', id: form.id, requestId, name: form.name.trim() });
      this.setData({ busy: false });
      if (res.code !== 0) {
        this.refused('renameForm', res, ['name'], requestId);
        return;
      }
      this.setData({ renameForm: closedRenameForm() });
      showDone('社区已改名');
      await this.refresh();
    },
    /** The form prefilled from the enclosure itself: the tree does not carry its two people. */
    async openEdit(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id);
      if (this.data.editForm.id === id) {
        this.setData({ editForm: closedEnclosureForm() });
        return;
      }
      this.noteItem(id, '');
      const res = await call('estate', 'enclosure', { enclosureId: id });
      if (res.code !== 0) {
        this.noteItem(id, res.message);
        return;
      }
      const { enclosure } = res.data;
      const community = this.data.communities.find((c) => c.id === enclosure.communityId);
      this.setData({
        editForm: {
          ...closedEnclosureForm(),
          open: true,
          id,
          communityId: enclosure.communityId,
          communityName: community?.name ?? '',
          name: enclosure.name,
          typeIndex: Math.max(0, ENCLOSURE_TYPES.indexOf(enclosure.type)),
          address: enclosure.address,
          ...personInputsOf(enclosure),
        },
      });
    },
    async saveCommunity() {
      if (this.data.busy) return;
      const form = this.data.communityForm;
      const requestId = form.requestId || newRequestId();
      this.setData({ busy: true, 'communityForm.requestId': requestId, 'communityForm.errors': {} });
      const res = await call('estate', 'save', { kind: 'community', requestId, name: form.name.trim() });
      this.setData({ busy: false });
      if (res.code !== 0) {
        this.refused('communityForm', res, ['name'], requestId);
        return;
      }
      this.setData({ communityForm: closedCommunityForm() });
      showDone('社区已新增');
      await this.refresh();
    },
    async saveEnclosure(e: WechatMiniprogram.TouchEvent) {
      const name: EnclosureFormName = e.currentTarget.dataset.form === 'editForm' ? 'editForm' : 'enclosureForm';
      const form = this.data[name];
      const communityId = form.id ? form.communityId : this.data.liveCommunities[form.communityIndex]?.id;
      if (this.data.busy || !communityId) return;
      const problems = personProblems(form);
      if (Object.keys(problems).length) {
        this.setData({ [`${name}.errors`]: problems });
        return;
      }
      const requestId = form.requestId || newRequestId();
      this.setData({ busy: true, [`${name}.requestId`]: requestId, [`${name}.errors`]: {} });
      const res = await call('estate', 'save', {
        kind: 'enclosure',
        ...(form.id ? { id: form.id } : {}),
        requestId,
        communityId,
        name: form.name.trim(),
        type: ENCLOSURE_TYPES[form.typeIndex],
        address: form.address.trim(),
        ...personsToSend(form),
      });
      this.setData({ busy: false });
      if (res.code !== 0) {
        this.refused(name, res, ENCLOSURE_FIELDS, requestId);
        return;
      }
      this.setData({ [name]: closedEnclosureForm() });
      showDone(form.id ? '围合区已保存' : '围合区已新增');
      await this.refresh();
    },
    async retire(e: WechatMiniprogram.TouchEvent) {
      const { kind, id, name } = e.currentTarget.dataset as { kind: EstateKind; id: string; name: string };
      if (this.data.busy) return;
      this.noteItem(id, '');
      const problem = await retireWithReason(kind, id, name, (busy) => this.setData({ busy }));
      if (problem === null) return;
      if (problem) {
        this.noteItem(id, problem);
        return;
      }
      showDone('已停用');
      await this.refresh();
    },
    noteItem(id: string, message: string) {
      this.setData({ itemErrors: { ...this.data.itemErrors, [id]: message } });
    },
    /** Shows the refusal beside its field and keeps the request id for the resend. */
    refused(form: FormName, res: Failure, fields: string[], requestId: string) {
      this.setData({
        [`${form}.errors`]: flatErrors(formErrors(res, fields)),
        [`${form}.requestId`]: requestIdAfter(res, requestId),
      });
    },
  },
});
