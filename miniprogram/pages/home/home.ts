/**
 * 首页: who I am in this estate (name, enclosure, roles), and for a resident the live pass itself,
 * with the household members they show it for: at the gate it is on the first screen, no tap away.
 * The roles come from the `account` function, which reads them by the trusted OPENID, never from
 * anything stored on the phone.
 */
import { careMode } from '../../behaviors/care-mode';
import { livePass } from '../../behaviors/live-pass';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import type { GridTodo, Role } from '../../../typings';
import { chooseCareMode } from '../../utils/care';
import { roleLabels } from '../../utils/roles';

interface Entry {
  url: string;
  title: string;
  hint: string;
  /** What waits behind a staff entry (shown as a badge when above zero). */
  count?: number;
}

/** Which count of `grid.todo` each grid worker's entry shows. */
const TODO_OF: Record<string, keyof GridTodo> = {
  '/pages/queue/queue': 'toVerify',
  '/pages/appeals/appeals': 'appeals',
  '/pages/roster/roster': 'roster',
  '/pages/visitors/visitors': 'visits',
  '/pages/clues/clues': 'clues',
};

const NOTICES = '/pages/notices/notices';
const MY_CLUES = '/pages/clue/clue';

/** What each role can do from here. */
function entriesFor(roles: Role[]): Entry[] {
  const entries = [];
  if (roles.includes('resident')) {
    entries.push(
      { url: '/pages/pass/pass', title: '我的通行码', hint: '出入卡口时出示' },
      { url: NOTICES, title: '通知公告', hint: '街道、社区与网格员发布的通知' },
      { url: '/pages/report/report', title: '健康申报', hint: '每日申报体温、症状与行程' },
      { url: '/pages/household/household', title: '我的家庭', hint: '家庭成员的通行码与代为申报' },
      { url: '/pages/isolation/isolation', title: '隔离打卡', hint: '居家隔离期间每日两次测温' },
      { url: '/pages/visits/visits', title: '亲友来访', hint: '为来访亲友申请，网格员批准后卡口放行' },
      { url: '/pages/siteplan/siteplan?public=1', title: '小区防疫地图', hint: '各楼栋居住、隔离人数与封闭单元' },
      { url: MY_CLUES, title: '隐患反映', hint: '反映聚集、卫生死角、外地返回未登记等情况，网格员处理后答复' },
    );
  }
  if (roles.includes('grid_worker')) {
    entries.push(
      { url: '/pages/scan/scan', title: '扫码核验', hint: '卡口进出登记' },
      { url: '/pages/roster/roster', title: '隔离名单', hint: '未打卡、健康异常、随访逾期、待解除与单元隔离' },
      { url: '/pages/map/map', title: '防疫地图', hint: '各楼栋居住、返回、隔离与红黄码人数' },
      { url: '/pages/siteplan/siteplan', title: '防疫平面图', hint: '围合区平面图上各楼栋的状态，可生成居民版张贴' },
      { url: '/pages/queue/queue', title: '待核实住户', hint: '新登记与返回人员的现场核实' },
      { url: '/pages/appeals/appeals', title: '申诉处理', hint: '答复居民对状态的申诉' },
      { url: '/pages/visitors/visitors', title: '访客审批', hint: '批准或答复住户的亲友来访申请' },
      { url: '/pages/gatelog/gatelog', title: '卡口记录', hint: '按时间、颜色查询进出记录，可导出' },
      { url: '/pages/door/door', title: '上门登记', hint: '在门口或卡口为住户及同住老人、儿童登记，当场核实' },
      { url: '/pages/cards/cards', title: '爱心码', hint: '为没有智能手机的老人、儿童制发纸质通行码' },
      { url: '/pages/carelist/carelist', title: '关爱对象', hint: '独居老人等未隔离的困难群众，安排志愿者定期探访' },
      { url: '/pages/vehicles/vehicles', title: '车辆登记', hint: '住户车辆与保供车辆，未登记车辆卡口劝返' },
      { url: '/pages/duty/duty', title: '值守排班', hint: '卡口白班、晚班、夜班，上岗交班，漏岗漏巡' },
      { url: '/pages/patrol/patrol', title: '巡查消杀', hint: '楼道、电梯、垃圾站的定时巡查与消杀打卡' },
    );
  }
  if (roles.includes('volunteer'))
    entries.push(
      { url: '/pages/tasks/tasks', title: '服务任务', hint: '为隔离住户代购、送餐、收垃圾' },
      { url: '/pages/rounds/rounds', title: '关爱走访', hint: '定期探访、电话问候独居老人等关爱对象' },
      { url: '/pages/deliveries/deliveries', title: '团购配送', hint: '为隔离住户无接触送货' },
      ...(roles.includes('grid_worker')
        ? []
        : [
            { url: '/pages/duty/duty?mine=1', title: '我的值守', hint: '卡口班次，上岗与交班' },
            { url: '/pages/patrol/patrol?mine=1', title: '我的巡查', hint: '定时巡查与消杀打卡' },
          ]),
    );
  if (roles.includes('medic'))
    entries.push({ url: '/pages/health/health', title: '健康随访', hint: '采样、核酸结果、医学评估与健康驿站' });
  if (roles.includes('medic') || roles.includes('grid_worker'))
    entries.push({ url: '/pages/followups/followups', title: '随访', hint: '上门随访隔离住户，记录结果' });
  if (roles.some((role) => role === 'grid_worker' || role === 'community_admin' || role === 'admin'))
    entries.push(
      { url: '/pages/publish/publish', title: '发布通知', hint: '向街道、社区、围合区或楼栋发布通知，查看阅读情况' },
      { url: '/pages/clues/clues', title: '隐患线索', hint: '居民反映的隐患与线索，接手、处理并答复' },
    );
  if (roles.includes('admin') || roles.includes('community_admin'))
    entries.push(
      { url: '/console/index/index', title: '街道工作台', hint: '社区、围合区、楼栋、卡口与网格' },
      { url: '/console/invitations/invitations', title: '邀请工作人员', hint: '网格员、志愿者与管理员的邀请码' },
    );
  // One entry however many of these roles one holds: residents order, organisers and grid workers run batches.
  if (roles.some((role) => role === 'resident' || role === 'grid_worker' || role === 'organiser'))
    entries.push({ url: '/pages/batches/batches', title: '社区团购', hint: '楼栋团购，前一天下单，次日配送' });
  return entries;
}

Component({
  behaviors: [pageLife, livePass, careMode],
  data: {
    /** Why a resident's pass is not on 首页 (the 通行码 page says the same, with 重试). */
    passProblem: '',
    displayName: '',
    enclosureName: '',
    roleLabels: [] as string[],
    newcomer: false,
    entries: [] as Entry[],
    urgentNotice: null as { id: string; title: string } | null,
  },
  methods: {
    async load() {
      const res = await call('account', 'me', {});
      if (res.code === 0) {
        const me = res.data;
        this.setData({
          displayName: me.displayName ?? '',
          enclosureName: me.enclosureName ?? '',
          roleLabels: roleLabels(me.roles),
          newcomer: me.roles.length === 0,
          entries: entriesFor(me.roles),
        });
        if (me.roles.includes('resident')) {
          const [pass] = await Promise.all([
            this.showPass(),
            this.loadPassMembers(),
            this.showUnread(),
            this.showAnswers(),
          ]);
          this.setData({ passProblem: pass.code === 0 ? '' : pass.message });
        } else {
          this.stopPassTimer(); // no longer a resident (moved out): no pass to renew
          this.setData({ pass: null, passProblem: '', urgentNotice: null });
        }
        if (me.roles.includes('grid_worker')) await this.showTodo();
      }
      return res;
    },
    /** Counts on the grid worker's entries; without them (a failed call) the entries still open. */
    async showTodo() {
      const res = await call('grid', 'todo', {});
      if (res.code !== 0) return;
      const todo = res.data;
      this.setData({
        entries: this.data.entries.map((e) => (TODO_OF[e.url] ? { ...e, count: todo[TODO_OF[e.url]] } : e)),
      });
    },
    /** The unread mark on 通知公告, and the newest unread urgent one above the pass; without it (a failed call) the entry still opens. */
    async showUnread() {
      const res = await call('notices', 'inbox', {});
      if (res.code !== 0) return;
      const urgent = res.data.notices.find((n) => n.urgent && n.unread);
      this.setData({
        entries: this.data.entries.map((e) => (e.url === NOTICES ? { ...e, count: res.data.unread } : e)),
        urgentNotice: urgent ? { id: urgent.id, title: urgent.title } : null,
      });
    },
    /** New answers to my reports, on 隐患反映 (counted only: the page marks them seen). */
    async showAnswers() {
      const res = await call('clues', 'mine', {});
      if (res.code !== 0 || !res.data.unseen) return;
      this.setData({
        entries: this.data.entries.map((e) => (e.url === MY_CLUES ? { ...e, count: res.data.unseen } : e)),
      });
    },
    /** 关怀模式 on or off, kept on the phone; pages opened from here on follow it. */
    switchCare(e: WechatMiniprogram.SwitchChange) {
      chooseCareMode(e.detail.value);
      this.setData({ care: e.detail.value });
    },
    openUrgent() {
      wx.navigateTo({ url: `/pages/notice/notice?id=${this.data.urgentNotice?.id ?? ''}` });
    },
    open(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: String(e.currentTarget.dataset.url) });
    },
  },
});
