/**
 * 邀请工作人员: an admin issues a one-time invitation for a role and its scope, shows its 小程序码
 * and code to the invitee (or shares it as a card), and takes back open ones. The street admin
 * invites anyone; a community admin grid workers and volunteers of their own 社区.
 */
import type { InvitedRole } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatMoment } from '../../shared/china-time';
import { fieldErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { showDone, showOutcome, showProblem } from '../../utils/toast';
import {
  type Box,
  type Choice,
  type FormState,
  type Row,
  choicesOf,
  missing,
  payloadOf,
  roleLabel,
  rolesFor,
  rowsOf,
  scopeTextOf,
  spacedCode,
} from './invite-form';

interface Issued {
  invitationId: string;
  code: string;
  codeText: string;
  qrFileID: string | null;
  expiresText: string;
  roleLabel: string;
  scopeText: string;
}

const indexOf = (choices: Choice[], id: string) => choices.findIndex((c) => c.id === id);

Component({
  behaviors: [pageLife],
  data: {
    roles: [] as InvitedRole[],
    roleLabels: [] as string[],
    roleIndex: 0,
    role: 'grid_worker' as InvitedRole,
    communities: [] as Choice[],
    communityIndex: -1,
    enclosures: [] as Choice[],
    enclosureIndex: -1,
    /** The enclosure whose grids and gates are listed ('' while none is loaded). */
    detailFor: '',
    grids: [] as Box[],
    gates: [] as Box[],
    name: '',
    validHours: '72',
    errors: {} as Record<string, string>,
    busy: false,
    /** The id of the invitation last sent and what it was: the same form sent again reuses it. */
    requestId: '',
    sentKey: '',
    issued: null as Issued | null,
    invitations: [] as Row[],
    revoking: '',
  },
  methods: {
    onShareAppMessage() {
      const issued = this.data.issued;
      if (!issued) return { title: '社区防疫通', path: '/pages/home/home' };
      return {
        title: `邀请您担任${issued.roleLabel}：${issued.scopeText}`,
        path: `/pages/invite/invite?code=${issued.code}`,
      };
    },
    async load() {
      const [me, tree, list] = await Promise.all([
        call('account', 'me', {}),
        call('estate', 'tree', {}),
        call('staff', 'invitations', {}),
      ]);
      if (me.code !== 0) return me;
      if (tree.code !== 0) return tree;
      if (list.code !== 0) return list;
      const roles = rolesFor(me.data.roles);
      const { communities, enclosures } = choicesOf(tree.data, me.data.roles.includes('admin'));
      // What was chosen stays chosen across reloads, as long as it is still there.
      const role = roles.includes(this.data.role) ? this.data.role : roles[0];
      const enclosureId = this.data.enclosures[this.data.enclosureIndex]?.id ?? '';
      const communityId = this.data.communities[this.data.communityIndex]?.id ?? '';
      const enclosureIndex = indexOf(enclosures, enclosureId);
      this.setData({
        roles,
        roleLabels: roles.map(roleLabel),
        roleIndex: Math.max(roles.indexOf(role), 0),
        role: role ?? 'grid_worker',
        communities,
        communityIndex: indexOf(communities, communityId),
        enclosures,
        enclosureIndex,
        ...(enclosureIndex < 0 ? { detailFor: '', grids: [], gates: [] } : {}),
        invitations: rowsOf(list.data),
      });
      return list;
    },
    chooseRole(e: WechatMiniprogram.PickerChange) {
      const roleIndex = Number(e.detail.value);
      this.setData({ roleIndex, role: this.data.roles[roleIndex], errors: {} });
      void this.loadScope();
    },
    chooseCommunity(e: WechatMiniprogram.PickerChange) {
      this.setData({ communityIndex: Number(e.detail.value), 'errors.communityId': '' });
    },
    chooseEnclosure(e: WechatMiniprogram.PickerChange) {
      this.setData({ enclosureIndex: Number(e.detail.value), 'errors.enclosureId': '' });
      void this.loadScope();
    },
    /** A grid worker's grids and gates: the live ones of the chosen enclosure. */
    async loadScope() {
      const enclosure = this.data.enclosures[this.data.enclosureIndex];
      if (this.data.role !== 'grid_worker' || !enclosure || this.data.detailFor === enclosure.id) return;
      this.setData({ detailFor: '', grids: [], gates: [] });
      const res = await call('estate', 'enclosure', { enclosureId: enclosure.id });
      // Another enclosure chosen meanwhile: its answer is the one to show.
      if (this.data.enclosures[this.data.enclosureIndex]?.id !== enclosure.id) return;
      if (res.code !== 0) {
        showProblem(res.message);
        return;
      }
      const boxes = (things: { id: string; name: string; retired: boolean }[]) =>
        things.filter((t) => !t.retired).map((t) => ({ id: t.id, name: t.name, checked: false }));
      this.setData({ detailFor: enclosure.id, grids: boxes(res.data.grids), gates: boxes(res.data.gates) });
    },
    chooseBoxes(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      const kind = String(e.currentTarget.dataset.kind) as 'grids' | 'gates';
      const chosen = new Set(e.detail.value);
      this.setData({
        [kind]: this.data[kind].map((b) => ({ ...b, checked: chosen.has(b.id) })),
        'errors.gridIds': '',
        'errors.gateIds': '',
      });
    },
    onField(e: WechatMiniprogram.Input) {
      const field = String(e.currentTarget.dataset.field);
      this.setData({ [field]: e.detail.value, [`errors.${field}`]: '' });
    },
    form(): FormState {
      const d = this.data;
      return {
        role: d.role,
        name: d.name,
        validHours: String(d.validHours),
        enclosure: d.enclosures[d.enclosureIndex] ?? null,
        community: d.communities[d.communityIndex] ?? null,
        grids: d.detailFor ? d.grids : [],
        gates: d.detailFor ? d.gates : [],
      };
    },
    async submit() {
      if (this.data.busy || !this.data.roles.length) return;
      const form = this.form();
      const errors = missing(form);
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      const payload = payloadOf(form);
      // A resend of the same form (the answer was lost) is the same invitation, not a second one.
      const sentKey = JSON.stringify(payload);
      const requestId = sentKey === this.data.sentKey ? this.data.requestId : newRequestId();
      this.setData({ busy: true, requestId, sentKey, errors: {} });
      const res = await call('staff', 'invite', { requestId, ...payload });
      this.setData({ busy: false });
      if (res.code !== 0) {
        this.setData({ errors: fieldErrors(res) });
        return;
      }
      const issued: Issued = {
        invitationId: res.data.invitationId,
        code: res.data.code,
        codeText: spacedCode(res.data.code),
        qrFileID: res.data.qrFileID,
        expiresText: formatMoment(res.data.expiresAt),
        roleLabel: roleLabel(form.role),
        scopeText: scopeTextOf(form),
      };
      // Done: the next invitation is a new one, for someone else.
      this.setData({ issued, requestId: '', sentKey: '', name: '' });
      showDone('邀请已生成');
      await this.refresh();
    },
    async revoke(e: WechatMiniprogram.TouchEvent) {
      const row = this.data.invitations.find((r) => r.invitationId === e.currentTarget.dataset.id);
      if (!row || this.data.revoking) return;
      const { confirm } = await wx.showModal({
        title: '撤销邀请',
        content: `撤销后，${row.invitedName}将不能再用这份邀请成为${row.roleLabel}（${row.scope}）。确定撤销吗？`,
        confirmText: '撤销',
        confirmColor: '#c0392b',
      });
      if (!confirm) return;
      this.setData({ revoking: row.invitationId });
      const res = await call('staff', 'revoke', { invitationId: row.invitationId });
      this.setData({ revoking: '' });
      // A code taken back is no longer offered for sharing.
      if (showOutcome(res, '已撤销') && this.data.issued?.invitationId === row.invitationId)
        this.setData({ issued: null });
      await this.refresh();
    },
  },
});
