/**
 * 我的家庭: the household's members and their colours (names masked). Each resident opens their
 * own pass and declares for themselves; the verified head also does so for the members without
 * phones (children, elders), adds them, and accepts a newcomer who registered at the flat. For
 * such a member under home isolation the head also checks in (代为打卡) and asks for help (代为求助).
 * 有事找谁 names the building's and the enclosure's 联系人 and 包干责任人 (numbers masked).
 */
import type { ContactView, MemberView } from '../../../typings';
import { careMode } from '../../behaviors/care-mode';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { fieldErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { showDone, showOutcome } from '../../utils/toast';
import { COLOUR_NAMES } from '../../shared/colours';
import { relationLabel } from '../../shared/relations';

const RELATIONS = [
  { code: 'child', label: '子女' },
  { code: 'elder', label: '老人' },
  { code: 'member', label: '其他成员' },
] as const;

/**
 * The dependants the caller acts for who are under home isolation. Only a red member can be (an
 * open order keeps them red), so this asks once per red dependant, not per member; a failed
 * answer just leaves that member's 代为打卡 out.
 */
async function isolatedDependants(members: MemberView[]): Promise<Set<string>> {
  const red = members.filter((m) => m.actFor && !m.self && m.colour === 'red');
  const answers = await Promise.all(
    red.map((m) => call('quarantine', 'mine', { residentId: m.residentId }).then((res) => ({ m, res }))),
  );
  return new Set(answers.filter(({ res }) => res.code === 0 && res.data.isolated).map(({ m }) => m.residentId));
}

Component({
  behaviors: [pageLife, careMode],
  data: {
    address: '',
    isHead: false,
    pending: false,
    members: [] as (MemberView & { relationLabel: string; colourName: string; isolated: boolean })[],
    contacts: [] as ContactView[],
    adding: false,
    relationLabels: RELATIONS.map((r) => r.label),
    form: { name: '', relationIndex: 0, birthYear: '' },
    errors: {} as Record<string, string>,
    requestId: '',
  },
  methods: {
    async load() {
      const res = await call('residents', 'me', {});
      if (res.code !== 0) return res;
      if (!res.data.registered || !res.data.address)
        return { code: 'FAILED_PRECONDITION', message: '您还没有登记住户信息' };
      const a = res.data.address;
      const isolated = await isolatedDependants(res.data.members);
      this.setData({
        address: `${a.enclosureName} ${a.building}${a.unit}单元${a.room}室`,
        isHead: res.data.isHead,
        pending: res.data.pending,
        members: res.data.members.map((m) => ({
          ...m,
          relationLabel: relationLabel(m.relation),
          colourName: COLOUR_NAMES[m.colour],
          isolated: isolated.has(m.residentId),
        })),
        contacts: res.data.contacts,
      });
      return res;
    },
    openPass(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/pass/pass?residentId=${e.currentTarget.dataset.id}` });
    },
    declareFor(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/report/report?residentId=${e.currentTarget.dataset.id}` });
    },
    checkInFor(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/isolation/isolation?residentId=${e.currentTarget.dataset.id}` });
    },
    askHelpFor(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/isolation/isolation?residentId=${e.currentTarget.dataset.id}&help=1` });
    },
    async accept(e: WechatMiniprogram.TouchEvent) {
      const res = await call('residents', 'acceptMember', { residentId: e.currentTarget.dataset.id as string });
      if (showOutcome(res, '已确认')) await this.refresh();
    },
    startAdding() {
      this.setData({
        adding: true,
        requestId: newRequestId(),
        errors: {},
        form: { name: '', relationIndex: 0, birthYear: '' },
      });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = e.currentTarget.dataset.field as 'name' | 'relationIndex' | 'birthYear';
      this.setData({ [`form.${field}`]: field === 'relationIndex' ? Number(e.detail.value) : e.detail.value });
    },
    async addMember() {
      const { name, relationIndex, birthYear } = this.data.form;
      // Number('') is 0, which the server would call out of range: an empty field is asked for here.
      if (!birthYear.trim()) {
        this.setData({ errors: { birthYear: '请填写出生年份' } });
        return;
      }
      const res = await call('residents', 'addDependant', {
        requestId: this.data.requestId,
        name,
        relation: RELATIONS[relationIndex].code,
        birthYear: Number(birthYear),
      });
      if (res.code !== 0) {
        this.setData({ errors: fieldErrors(res) });
        return;
      }
      this.setData({ adding: false });
      showDone('已添加');
      await this.refresh();
    },
  },
});
