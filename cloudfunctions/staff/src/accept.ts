/**
 * The invitee's side: see what an invitation is for, then accept it. Accepting binds the caller's
 * OPENID to the role and scope in one transaction with marking the invitation used, so of two
 * people racing with one code exactly one becomes staff. A retry by the one who accepted answers
 * as the first time did.
 */
import type { Accepted, InvitationPreview } from '../../../typings';
import { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { Stored, findById } from '../../../server/db';
import { AppError, denied, notFound } from '../../../server/errors';
import { CODE_PATTERN, InvitationDoc, invitationId, refusalOf, stateOf } from '../../../server/invitations';
import { input, v } from '../../../server/schema';
import { inTransaction } from '../../../server/transaction';
import type { UserDoc } from '../../../server/users';

const codeInput = input({
  code: v.pipe(
    v.string('请填写邀请码'),
    v.trim(),
    v.toLowerCase(),
    v.regex(CODE_PATTERN, '邀请码应为 16 位字母和数字'),
  ),
});

async function invitationFor(code: string): Promise<Stored<InvitationDoc>> {
  const doc = await findById<InvitationDoc>('invitations', invitationId(code));
  if (!doc) throw notFound('邀请码无效，请核对后重试');
  return doc;
}

export const preview = {
  who: 'anyone',
  input: codeInput,
  async run({ code }) {
    const doc = await invitationFor(code);
    const view: InvitationPreview = {
      role: doc.role,
      scopeText: doc.scopeText,
      invitedName: doc.invitedName,
      issuedByName: doc.issuedByName,
      state: stateOf(doc, now()),
      expiresAt: doc.expiresAt.toISOString(),
    };
    return view;
  },
} satisfies Def<'staff', 'preview'>;

export const accept = {
  who: 'anyone',
  input: codeInput,
  run: ({ code }, { openid }) => acceptInvitation(openid, code),
} satisfies Def<'staff', 'accept'>;

const union = (a: string[] = [], b: string[] = []) => [...new Set([...a, ...b])];

const communityOfEnclosure = async (enclosureId: string | undefined) =>
  enclosureId ? ((await findById<{ communityId?: string }>('enclosures', enclosureId))?.communityId ?? null) : null;

/**
 * Staff of one enclosure or 社区 cannot quietly become staff of another (a hand-over does that):
 * the enclosure must be the same, and so must the 社区 each belongs to (a grid worker of one 社区
 * made community admin of another would answer to two admins and be managed by neither).
 */
async function refuseOtherScope(user: UserDoc | null, doc: InvitationDoc): Promise<void> {
  if (!user || !(user.enclosureId || user.communityId)) return;
  const conflict = () => new AppError('CONFLICT', '您已是其他围合区或社区的工作人员，如需调动请由管理员办理交接');
  if (doc.enclosureId && user.enclosureId && user.enclosureId !== doc.enclosureId) throw conflict();
  const [theirs, invited] = await Promise.all([
    user.communityId ?? communityOfEnclosure(user.enclosureId),
    doc.communityId ?? communityOfEnclosure(doc.enclosureId),
  ]);
  if (theirs && invited && theirs !== invited) throw conflict();
}

async function acceptInvitation(openid: string, code: string): Promise<Accepted> {
  const doc = await invitationFor(code);
  const docId = doc._id;
  if (doc.issuedBy === openid) throw denied('不能接受自己发出的邀请');
  const at = now();
  return inTransaction(async (w) => {
    const current = (await w.get<InvitationDoc>('invitations', docId))!;
    const user = await w.get<UserDoc>('users', openid);
    const answer = (roles: string[]): Accepted => ({ role: current.role, roles, scopeText: current.scopeText });
    if (current.usedBy === openid) return answer(user?.roles ?? []); // a retry after the answer was lost
    const refusal = refusalOf(stateOf(current, at));
    if (refusal) throw new AppError('FAILED_PRECONDITION', refusal);
    await refuseOtherScope(user, current);
    const { _id: _ignored, ...kept } = user ?? { _id: openid, roles: [] };
    const next: UserDoc = {
      ...kept,
      roles: union(kept.roles, [current.role]) as UserDoc['roles'],
      name: kept.name ?? current.invitedName,
      ...(current.enclosureId ? { enclosureId: current.enclosureId } : {}),
      ...(current.communityId ? { communityId: current.communityId } : {}),
      ...(current.gridIds?.length ? { gridIds: union(kept.gridIds, current.gridIds) } : {}),
      ...(current.gateIds?.length ? { gateIds: union(kept.gateIds, current.gateIds) } : {}),
    };
    await w.update('invitations', docId, { usedBy: openid, usedAt: at });
    await w.set('users', openid, next);
    for (const gridId of current.gridIds ?? [])
      await w.update('grids', gridId, { workerOpenids: command.addToSet(openid) });
    await w.insert('audit_logs', `aud-${docId}-accepted`, {
      at,
      actor: openid,
      action: 'accept_invitation',
      target: docId,
      before: user ? { roles: user.roles } : null,
      after: { roles: next.roles, scopeText: current.scopeText },
      note: '',
    });
    return answer(next.roles);
  });
}
