/**
 * 街道工作台: the 社区 within the admin's reach and their 围合区, with how many live buildings,
 * gates and grids each holds. The street admin sets up 社区; both admins add 围合区 (a community
 * admin only in their own 社区, which the server checks again), with its 联系人 and 包干责任人 if
 * known. Tapping an enclosure opens it.
 */
import type { CommunitySummary, EnclosureSummary, Failure } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { newRequestId } from '../../utils/request-id';
import { showDone } from '../../utils/toast';
import { ENCLOSURE_TYPES, ENCLOSURE_TYPE_LABELS, formErrors, requestIdAfter } from '../shared/estate-forms';
import { PERSON_FIELDS, blankPersons, flatErrors, personProblems, personsToSend } from '../shared/persons';

interface EnclosureRow extends EnclosureSummary {
  typeLabel: string;
}
interface CommunityRow extends Omit<CommunitySummary, 'enclosures'> {
  enclosures: EnclosureRow[];
}

const closedCommunityForm = () => ({ open: false, name: '', errors: {} as Record<string, string>, requestId: '' });
const closedEnclosureForm = () => ({
  open: false,
  communityIndex: 0,
  name: '',
  typeIndex: 0,
  address: '',
  ...blankPersons(),
  errors: {} as Record<string, string>,
  requestId: '',
});

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
      const field = String(e.currentTarget.dataset.field);
      const value = field.endsWith('Index') ? Number(e.detail.value) : e.detail.value;
      this.setData({ [`enclosureForm.${field}`]: value });
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
    async saveEnclosure() {
      const form = this.data.enclosureForm;
      const community = this.data.liveCommunities[form.communityIndex];
      if (this.data.busy || !community) return;
      const problems = personProblems(form);
      if (Object.keys(problems).length) {
        this.setData({ 'enclosureForm.errors': problems });
        return;
      }
      const requestId = form.requestId || newRequestId();
      this.setData({ busy: true, 'enclosureForm.requestId': requestId, 'enclosureForm.errors': {} });
      const res = await call('estate', 'save', {
        kind: 'enclosure',
        requestId,
        communityId: community.id,
        name: form.name.trim(),
        type: ENCLOSURE_TYPES[form.typeIndex],
        address: form.address.trim(),
        ...personsToSend(form),
      });
      this.setData({ busy: false });
      if (res.code !== 0) {
        const fields = ['communityId', 'name', 'type', 'address', ...PERSON_FIELDS];
        this.refused('enclosureForm', res, fields, requestId);
        return;
      }
      this.setData({ enclosureForm: closedEnclosureForm() });
      showDone('围合区已新增');
      await this.refresh();
    },
    /** Shows the refusal beside its field and keeps the request id for the resend. */
    refused(form: 'communityForm' | 'enclosureForm', res: Failure, fields: string[], requestId: string) {
      this.setData({
        [`${form}.errors`]: flatErrors(formErrors(res, fields)),
        [`${form}.requestId`]: requestIdAfter(res, requestId),
      });
    },
  },
});
