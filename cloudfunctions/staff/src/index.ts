/**
 * `staff`: invitations instead of OPENIDs. An admin invites someone to a role and scope; the
 * invitee opens the 小程序码 or share card, sees what it is for, and accepts.
 */
import { defineFunction } from '../../../server/action';
import { accept, preview } from './accept';
import { invite } from './invite';
import { invitations, revoke } from './list';
import { handOver, members, suspend } from './members';

export const main = defineFunction('staff', {
  invite,
  preview,
  accept,
  invitations,
  revoke,
  members,
  suspend,
  handOver,
});
