/** Contracts of the `account` function: who the caller is in this estate. */
/**
 * `organiser`: a resident a grid worker appointed to run grocery group orders (团长).
 * `admin`: the street office (街道), the whole deployment. `community_admin`: one 社区 and its enclosures.
 */
export type Role = 'resident' | 'grid_worker' | 'volunteer' | 'organiser' | 'community_admin' | 'admin' | 'medic';

export interface AccountMeRequest {
  action: 'me';
}

export interface AccountMe {
  /** Roles from the `users` collection, keyed by the trusted OPENID; empty for a newcomer. */
  roles: Role[];
  displayName: string | null;
  enclosureId: string | null;
  enclosureName: string | null;
  /** Gates a grid worker guards (卡口), for the scan page. */
  gates: { id: string; name: string }[];
}

export interface AccountContract {
  me: { request: AccountMeRequest; response: AccountMe };
}
