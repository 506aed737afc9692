import type { Role } from '../../typings';

/** How each role is named on screen. */
export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  grid_worker: '网格员',
  volunteer: '志愿者',
  medic: '医务人员',
  organiser: '团购团长',
  community_admin: '社区管理员',
  admin: '街道管理员',
};

export function roleLabels(roles: Role[]): string[] {
  return roles.map((role) => ROLE_LABELS[role] ?? role);
}
