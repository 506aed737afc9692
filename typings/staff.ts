/**
 * Contracts of the `staff` function: invitations instead of OPENIDs. An admin issues a one-time,
 * expiring invitation for a role and its scope, shown as a 小程序码 and a share card; the invitee
 * opens it, sees what it is for, and accepts; the function binds their OPENID to the role.
 */

/** The roles an invitation can grant (团长 are appointed from the resident list instead). */
export type InvitedRole = 'grid_worker' | 'volunteer' | 'medic' | 'community_admin' | 'admin';

export interface InviteRequest {
  action: 'invite';
  requestId: string;
  role: InvitedRole;
  /** How the invitee is called in staff lists (张三, 春华苑东门值守). */
  name: string;
  /** grid_worker and volunteer: where they work. */
  enclosureId?: string;
  /** grid_worker: the grids they look after and the gates they guard (all in enclosureId). */
  gridIds?: string[];
  gateIds?: string[];
  /** community_admin: their 社区. */
  communityId?: string;
  /** How long the invitation may be accepted: 1–168 hours, 72 when not given. */
  validHours?: number;
}

export interface Invitation {
  invitationId: string;
  /** The code to share, once: in the 小程序码's scene and the share card's path. Only its hash is stored. */
  code: string;
  /** The 小程序码 image in cloud storage (null if WeChat could not draw it; the share card still works). */
  qrFileID: string | null;
  expiresAt: string;
}

export type InvitationState = 'open' | 'used' | 'revoked' | 'expired';

/** What the invitee sees before accepting: the role and where, never who else works there. */
export interface InvitationPreview {
  role: InvitedRole;
  /** E.g. 网格员 · 春华苑 · 第1网格 · 卡口：东门. */
  scopeText: string;
  invitedName: string;
  issuedByName: string;
  state: InvitationState;
  expiresAt: string;
}

export interface Accepted {
  role: InvitedRole;
  roles: string[];
  scopeText: string;
}

export interface InvitationEntry {
  invitationId: string;
  role: InvitedRole;
  invitedName: string;
  scopeText: string;
  state: InvitationState;
  expiresAt: string;
  issuedAt: string;
  /** Who accepted it, by the name they were invited under. */
  acceptedAt: string | null;
}

/** Someone holding a staff role, as the admins manage them. */
export interface StaffMember {
  /** The member's opaque user id (their OPENID), for suspend and hand-over. */
  userId: string;
  name: string;
  roles: InvitedRole[];
  /** Where they work (null for the street and 社区 admins). */
  enclosureId: string | null;
  enclosureName: string | null;
  grids: { id: string; name: string }[];
  gates: { id: string; name: string }[];
}

export interface StaffContract {
  invite: { request: InviteRequest; response: Invitation };
  preview: { request: { action: 'preview'; code: string }; response: InvitationPreview };
  accept: { request: { action: 'accept'; code: string }; response: Accepted };
  invitations: { request: { action: 'invitations' }; response: InvitationEntry[] };
  revoke: { request: { action: 'revoke'; invitationId: string }; response: { invitationId: string; state: 'revoked' } };
  /** The staff in the caller's scope. */
  members: { request: { action: 'members' }; response: StaffMember[] };
  /** Takes a member's staff roles away (they keep being a resident if they are one). */
  suspend: {
    request: { action: 'suspend'; userId: string; reason: string };
    response: { userId: string; roles: string[] };
  };
  /** A leaving grid worker's grids and gates go to another grid worker of the same enclosure. */
  handOver: {
    request: { action: 'handOver'; fromUserId: string; toUserId: string };
    response: { gridIds: string[]; gateIds: string[] };
  };
}
