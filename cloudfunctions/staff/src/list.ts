/**
 * The invitations an admin can see and take back: the street admin all of them, a community admin
 * those for their 社区 and its enclosures (and those they issued). Newest first, 200 at most.
 */
import type { InvitationEntry } from '../../../typings';
import { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { Stored, findAll, findById, findMany } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { InvitationDoc, stateOf } from '../../../server/invitations';
import { id, input } from '../../../server/schema';
import { inTransaction } from '../../../server/transaction';
import { UserDoc, hasRole } from '../../../server/users';

const ADMINS = ['admin', 'community_admin'] as const;
const DENIED = '仅街道或社区管理员可以管理邀请';

/** The query for what the caller may see; null for the street admin (everything). */
async function visibleTo(user: Stored<UserDoc>): Promise<object | null> {
  if (hasRole(user, 'admin')) return null;
  const enclosures = await findAll<object>(
    'enclosures',
    { communityId: user.communityId ?? '' },
    { fields: { _id: true } },
  );
  return command.or([
    { issuedBy: user._id },
    { communityId: user.communityId ?? '' },
    { enclosureId: command.in(enclosures.map((e) => (e as { _id: string })._id)) },
  ]);
}

export const invitations = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({}),
  async run(_input, { user }) {
    const scope = await visibleTo(user);
    const docs = await findMany<InvitationDoc>('invitations', scope ?? {}, {
      orderBy: ['issuedAt', 'desc'],
      limit: 200,
    });
    const at = now();
    return docs.map((d): InvitationEntry => ({
      invitationId: d._id,
      role: d.role,
      invitedName: d.invitedName,
      scopeText: d.scopeText,
      state: stateOf(d, at),
      expiresAt: d.expiresAt.toISOString(),
      issuedAt: d.issuedAt.toISOString(),
      acceptedAt: d.usedAt ? d.usedAt.toISOString() : null,
    }));
  },
} satisfies Def<'staff', 'invitations'>;

export const revoke = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({ invitationId: id('邀请') }),
  async run({ invitationId }, { user }) {
    const doc = await findById<InvitationDoc>('invitations', invitationId);
    if (!doc) throw notFound('邀请不存在');
    if (!hasRole(user, 'admin')) {
      // Shown to the 社区 it is for, but only the street, who issued it, takes it back.
      if (doc.role === 'community_admin' || doc.role === 'admin') throw denied('管理员的邀请只能由街道管理员撤销');
      const enclosure = doc.enclosureId
        ? await findById<{ communityId?: string }>('enclosures', doc.enclosureId)
        : null;
      const ours = doc.issuedBy === user._id || (!!user.communityId && enclosure?.communityId === user.communityId);
      if (!ours) throw denied('只能撤销本社区的邀请');
    }
    const at = now();
    await inTransaction(async (w) => {
      const current = (await w.get<InvitationDoc>('invitations', invitationId))!;
      if (current.revokedAt) return; // already taken back: once is enough
      if (current.usedAt) throw new AppError('FAILED_PRECONDITION', '该邀请已被接受，请在工作人员名单中办理停用');
      await w.update('invitations', invitationId, { revokedAt: at, revokedBy: user._id });
      await w.insert('audit_logs', `aud-${invitationId}-revoked`, {
        at,
        actor: user._id,
        action: 'revoke_invitation',
        target: invitationId,
        before: null,
        after: { revokedAt: at },
        note: '',
      });
    });
    return { invitationId, state: 'revoked' as const };
  },
} satisfies Def<'staff', 'revoke'>;
