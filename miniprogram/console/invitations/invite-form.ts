/**
 * The pure part of 邀请工作人员: which roles the caller may grant, what the form can choose from,
 * what it sends, and how invitations read on screen. The page keeps only state and calls.
 */
import type { EstateTree, InvitationEntry, InvitationState, InvitedRole, Role } from '../../../typings';
import { formatMoment } from '../../shared/china-time';
import { ROLE_LABELS } from '../../utils/roles';

export interface Choice {
  id: string;
  name: string;
  /** What the picker shows (the street admin sees the 社区 beside each enclosure). */
  label: string;
}
export interface Box {
  id: string;
  name: string;
  checked: boolean;
}

/** The street admin grants every role; a community admin only the staff of their enclosures. */
export function rolesFor(roles: Role[]): InvitedRole[] {
  if (roles.includes('admin')) return ['grid_worker', 'volunteer', 'community_admin', 'admin', 'medic'];
  if (roles.includes('community_admin')) return ['grid_worker', 'volunteer', 'medic'];
  return [];
}

export const roleLabel = (role: InvitedRole): string => ROLE_LABELS[role];

/** Only live 社区 and enclosures can be invited to: the server refuses retired ones. */
export function choicesOf(tree: EstateTree, street: boolean): { communities: Choice[]; enclosures: Choice[] } {
  const live = tree.communities.filter((c) => !c.retired);
  return {
    communities: live.map((c) => ({ id: c.id, name: c.name, label: c.name })),
    enclosures: live.flatMap((c) =>
      c.enclosures
        .filter((e) => !e.retired)
        .map((e) => ({ id: e.id, name: e.name, label: street ? `${c.name} · ${e.name}` : e.name })),
    ),
  };
}

export interface FormState {
  role: InvitedRole;
  name: string;
  validHours: string;
  enclosure: Choice | null;
  community: Choice | null;
  grids: Box[];
  gates: Box[];
}

const picked = (boxes: Box[]) => boxes.filter((b) => b.checked);

/** What the form misses before anything is sent, by field (the server checks the rest). */
export function missing(form: FormState): Record<string, string> {
  const errors: Record<string, string> = {};
  const hours = form.validHours.trim();
  if (!/^\d+$/.test(hours) || Number(hours) < 1 || Number(hours) > 168)
    errors.validHours = '有效时长应为 1–168 小时的整数';
  if (form.role === 'community_admin' && !form.community) errors.communityId = '请选择社区';
  if (form.role !== 'admin' && form.role !== 'community_admin' && !form.enclosure) errors.enclosureId = '请选择围合区';
  else if (form.role === 'grid_worker' && !picked(form.grids).length && !picked(form.gates).length)
    errors.gridIds = '请至少选择一个网格或卡口';
  return errors;
}

/** The invite request without its request id: only the fields the role takes (the server refuses others). */
export function payloadOf(form: FormState) {
  const common = { role: form.role, name: form.name.trim(), validHours: Number(form.validHours.trim()) };
  if (form.role === 'community_admin') return { ...common, communityId: form.community!.id };
  if (form.role === 'volunteer' || form.role === 'medic') return { ...common, enclosureId: form.enclosure!.id };
  if (form.role === 'grid_worker')
    return {
      ...common,
      enclosureId: form.enclosure!.id,
      gridIds: picked(form.grids).map((g) => g.id),
      gateIds: picked(form.gates).map((g) => g.id),
    };
  return common;
}

/** The scope in the words the server writes into the invitation (春华苑 · 第1网格 · 卡口：东门). */
export function scopeTextOf(form: FormState): string {
  if (form.role === 'admin') return '全街道';
  if (form.role === 'community_admin') return form.community!.name;
  if (form.role === 'volunteer' || form.role === 'medic') return form.enclosure!.name;
  const parts = [form.enclosure!.name, ...picked(form.grids).map((g) => g.name)];
  const gates = picked(form.gates).map((g) => g.name);
  if (gates.length) parts.push(`卡口：${gates.join('、')}`);
  return parts.join(' · ');
}

/** In groups of four, to be read aloud or typed from the screen. */
export const spacedCode = (code: string): string => (code.match(/.{1,4}/g) ?? []).join(' ');

export const STATE_TEXT: Record<InvitationState, string> = {
  open: '待接受',
  used: '已接受',
  revoked: '已撤销',
  expired: '已过期',
};

export interface Row extends InvitationEntry {
  roleLabel: string;
  /** The scope without the role the server puts in front of it (shown beside it already). */
  scope: string;
  stateText: string;
  expiresText: string;
}

export function rowsOf(entries: InvitationEntry[]): Row[] {
  return entries.map((entry) => {
    const label = roleLabel(entry.role);
    const prefix = `${label} · `;
    return {
      ...entry,
      roleLabel: label,
      scope: entry.scopeText.startsWith(prefix) ? entry.scopeText.slice(prefix.length) : entry.scopeText,
      stateText: STATE_TEXT[entry.state],
      expiresText: formatMoment(entry.expiresAt),
    };
  });
}
