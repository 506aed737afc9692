/**
 * The gates (卡口) the caller guards, from `account.me` (roles by the trusted OPENID), for the
 * scan and gate-log pages; or why they have none, in words the page can show.
 */
import { call } from './cloud';

export interface GuardedGates {
  gates: { id: string; name: string }[];
  gateNames: string[];
}

/** Before they are loaded: the pages' initial data. */
export const noGates = (): GuardedGates => ({ gates: [], gateNames: [] });

export async function myGates(): Promise<GuardedGates | { error: string }> {
  const res = await call('account', 'me', {});
  if (res.code !== 0) return { error: res.message };
  if (!res.data.roles.includes('grid_worker') || res.data.gates.length === 0)
    return { error: '您没有值守的卡口，请联系街道管理员' };
  return { gates: res.data.gates, gateNames: res.data.gates.map((g) => g.name) };
}
