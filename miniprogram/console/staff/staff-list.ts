/**
 * The pure part of 工作人员: how the members are grouped and read on screen, who may take over a
 * grid worker's grids and gates, and the words of the two confirmations. The page keeps only
 * state and calls.
 */
import type { InvitedRole, StaffMember } from '../../../typings';
import { ROLE_LABELS } from '../../utils/roles';

/** The group of those who work above any one enclosure (街道 and 社区 admins). */
export const STREET_GROUP = '街道 / 社区';

/** Higher roles first within a group, so the admins lead. */
const RANK: Record<InvitedRole, number> = { admin: 0, community_admin: 1, grid_worker: 2, volunteer: 3, medic: 4 };

export interface Receiver {
  userId: string;
  name: string;
}

export interface Row {
  userId: string;
  name: string;
  roleLabels: string[];
  /** The grid and gate names, one line each ('' when none): WXML cannot join. */
  gridsText: string;
  gatesText: string;
  gridWorker: boolean;
  /** Something to hand over: a grid or a gate. */
  movable: boolean;
  /** The other grid workers of the same enclosure, who may take over. */
  receivers: Receiver[];
}

export interface Group {
  title: string;
  members: Row[];
}

const rankOf = (m: StaffMember) => Math.min(...m.roles.map((r) => RANK[r] ?? 9), 9);
const list = (names: string[]) => names.join('、');
const byName = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');

/**
 * Members by enclosure (its id: two enclosures may share a name), the street-level group first and
 * then enclosures by name.
 */
export function groupsOf(members: StaffMember[]): Group[] {
  const byEnclosure = new Map<string, StaffMember[]>();
  for (const m of members) {
    const key = m.enclosureId ?? '';
    byEnclosure.set(key, [...(byEnclosure.get(key) ?? []), m]);
  }
  const titleOf = (key: string) => byEnclosure.get(key)![0].enclosureName ?? key;
  const keys = [...byEnclosure.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : byName(titleOf(a), titleOf(b))));
  return keys.map((key) => {
    const people = byEnclosure.get(key)!.sort((a, b) => rankOf(a) - rankOf(b) || byName(a.name, b.name));
    const workers = people.filter((p) => p.roles.includes('grid_worker'));
    return {
      title: key ? titleOf(key) : STREET_GROUP,
      members: people.map((m): Row => ({
        userId: m.userId,
        name: m.name,
        roleLabels: m.roles.map((r) => ROLE_LABELS[r] ?? r),
        gridsText: list(m.grids.map((g) => g.name)),
        gatesText: list(m.gates.map((g) => g.name)),
        gridWorker: m.roles.includes('grid_worker'),
        movable: m.grids.length + m.gates.length > 0,
        // Only within a named enclosure: the server refuses anyone from elsewhere.
        receivers: key
          ? workers.filter((w) => w.userId !== m.userId).map((w) => ({ userId: w.userId, name: w.name }))
          : [],
      })),
    };
  });
}

/** What the member loses, for the 停用 modal (its content is the reason being typed). */
export function suspendTitle(row: Row): string {
  return `停用${row.name}的${list(row.roleLabels)}身份`;
}

/** 网格：第1网格、第2网格；卡口：东门 ('' when none). */
function dutiesOf(row: Row): string {
  return [row.gridsText ? `网格：${row.gridsText}` : '', row.gatesText ? `卡口：${row.gatesText}` : '']
    .filter(Boolean)
    .join('；');
}

export function suspendHint(row: Row): string {
  const duties = dutiesOf(row);
  return `${duties ? `将收回其负责的${duties}。` : ''}请填写停用原因（至少 2 个字）`;
}

/** Which grids and gates move, and to whom. */
export function handOverText(from: Row, to: Receiver): string {
  return `${from.name}负责的${dutiesOf(from)}，将全部交给${to.name}。确定交接吗？`;
}
