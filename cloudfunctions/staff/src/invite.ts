/**
 * Issuing an invitation: the street admin for any role; a community admin for grid workers and
 * volunteers of their own 社区's enclosures. The scope is checked against the estate (live grids
 * and gates of that enclosure) and written into the invitation in words, so the invitee sees what
 * they accept. A resend answers the same code; the 小程序码 is drawn once and kept in storage.
 */
import type { Invitation, InvitedRole } from '../../../typings';
import { Def, RequestOf } from '../../../server/action';
import { now } from '../../../server/clock';
import { cloud, command } from '../../../server/cloud';
import { Stored, findById, findMany, updateById } from '../../../server/db';
import { AppError, denied } from '../../../server/errors';
import { InvitationDoc, invitationCode, invitationId } from '../../../server/invitations';
import { id, input, int, list, oneOf, requestId, text, v } from '../../../server/schema';
import { inTransaction } from '../../../server/transaction';
import { UserDoc, hasRole } from '../../../server/users';

const HOUR_MS = 3600_000;
export const ROLE_NAMES: Record<InvitedRole, string> = {
  grid_worker: '网格员',
  volunteer: '志愿者',
  medic: '医务人员',
  community_admin: '社区管理员',
  admin: '街道管理员',
};

export const invite = {
  who: 'staff',
  role: ['admin', 'community_admin'],
  denied: '仅街道或社区管理员可以邀请工作人员',
  input: input({
    requestId: requestId(),
    role: oneOf('角色', ['grid_worker', 'volunteer', 'medic', 'community_admin', 'admin']),
    name: text('被邀请人称呼', { min: 2, max: 20 }),
    enclosureId: v.optional(id('围合区')),
    gridIds: v.optional(list('网格', id('网格'), 20)),
    gateIds: v.optional(list('卡口', id('卡口'), 20)),
    communityId: v.optional(id('社区')),
    validHours: v.optional(int('有效时长（小时）', 1, 168)),
  }),
  run: (input, { user }) => issue(user, input),
} satisfies Def<'staff', 'invite'>;

interface Named {
  name: string;
  enclosureId?: string;
  communityId?: string;
  retiredAt?: Date;
}

/** The scope fields the role takes, checked against the estate, and the scope in words. */
async function scopeFor(user: Stored<UserDoc>, request: RequestOf<'staff', 'invite'>) {
  const { role, enclosureId, gridIds = [], gateIds = [], communityId } = request;
  const street = hasRole(user, 'admin');
  if (role === 'admin') {
    if (!street) throw denied('仅街道管理员可以邀请街道管理员');
    return { fields: {}, scopeText: '全街道' };
  }
  if (role === 'community_admin') {
    if (!street) throw denied('仅街道管理员可以邀请社区管理员');
    if (!communityId) throw new AppError('INVALID_ARGUMENT', '请选择社区', 'communityId');
    const community = await findById<Named>('communities', communityId);
    if (!community || community.retiredAt) throw new AppError('INVALID_ARGUMENT', '社区不存在或已停用', 'communityId');
    return { fields: { communityId }, scopeText: community.name };
  }
  if (!enclosureId) throw new AppError('INVALID_ARGUMENT', '请选择围合区', 'enclosureId');
  const enclosure = await findById<Named>('enclosures', enclosureId);
  if (!enclosure || enclosure.retiredAt) throw new AppError('INVALID_ARGUMENT', '围合区不存在或已停用', 'enclosureId');
  if (!street && enclosure.communityId !== user.communityId) throw denied('只能邀请本社区围合区的工作人员');
  // Volunteers and medics serve a whole enclosure.
  if (role === 'volunteer' || role === 'medic') return { fields: { enclosureId }, scopeText: enclosure.name };
  if (gridIds.length === 0 && gateIds.length === 0)
    throw new AppError('INVALID_ARGUMENT', '请至少选择一个网格或卡口', 'gridIds');
  const [grids, gates] = await Promise.all([
    gridIds.length ? findMany<Named>('grids', { _id: command.in(gridIds) }, { limit: 20 }) : [],
    gateIds.length ? findMany<Named>('gates', { _id: command.in(gateIds) }, { limit: 20 }) : [],
  ]);
  const problem = (field: 'gridIds' | 'gateIds', ids: string[], found: Stored<Named>[], what: string) => {
    for (const wanted of ids) {
      const hit = found.find((f) => f._id === wanted);
      if (!hit || hit.retiredAt || hit.enclosureId !== enclosureId)
        throw new AppError('INVALID_ARGUMENT', `${what}不属于该围合区或已停用`, field);
    }
  };
  problem('gridIds', gridIds, grids, '网格');
  problem('gateIds', gateIds, gates, '卡口');
  const names = (found: Stored<Named>[], ids: string[]) => ids.map((i) => found.find((f) => f._id === i)!.name);
  const parts = [enclosure.name, ...names(grids, gridIds)];
  if (gateIds.length) parts.push(`卡口：${names(gates, gateIds).join('、')}`);
  return { fields: { enclosureId, gridIds, gateIds }, scopeText: parts.join(' · ') };
}

/** Draws the 小程序码 for the code; the share card works without it, so a refusal is logged, not thrown. */
async function drawCode(code: string, docId: string): Promise<string | null> {
  try {
    const image = (await (
      cloud.openapi as unknown as { wxacode: { getUnlimited(o: object): Promise<{ buffer: Buffer }> } }
    ).wxacode.getUnlimited({ scene: code, page: 'pages/invite/invite', checkPath: false })) as { buffer: Buffer };
    const { fileID } = (await cloud.uploadFile({
      cloudPath: `invitations/${docId}.png`,
      fileContent: image.buffer,
    })) as {
      fileID: string;
    };
    return fileID;
  } catch (err) {
    console.error('[staff] wxacode.getUnlimited failed', (err as { errCode?: number }).errCode ?? err);
    return null;
  }
}

async function issue(user: Stored<UserDoc>, request: RequestOf<'staff', 'invite'>): Promise<Invitation> {
  const { fields, scopeText } = await scopeFor(user, request);
  const code = invitationCode(user._id, request.requestId);
  const docId = invitationId(code);
  const at = now();
  const expiresAt = new Date(at.getTime() + (request.validHours ?? 72) * HOUR_MS);
  const doc: InvitationDoc & { qrFileID?: string | null } = {
    role: request.role,
    invitedName: request.name,
    ...fields,
    scopeText: `${ROLE_NAMES[request.role]} · ${scopeText}`,
    issuedBy: user._id,
    issuedByName: user.name ?? ROLE_NAMES[hasRole(user, 'admin') ? 'admin' : 'community_admin'],
    issuedAt: at,
    expiresAt,
  };
  const stored = await inTransaction(async (w) => {
    const existing = await w.get<InvitationDoc & { qrFileID?: string | null }>('invitations', docId);
    if (existing) return existing; // a resend: the same invitation, not a second one
    await w.set('invitations', docId, doc);
    await w.insert('audit_logs', `aud-${docId}`, {
      at,
      actor: user._id,
      action: 'invite',
      target: docId,
      before: null,
      after: { role: doc.role, scopeText: doc.scopeText, invitedName: doc.invitedName, expiresAt },
      note: '',
    });
    return null;
  });
  let qrFileID = stored?.qrFileID ?? null;
  if (!stored?.qrFileID) {
    qrFileID = await drawCode(code, docId);
    if (qrFileID) await updateById('invitations', docId, { qrFileID });
  }
  return { invitationId: docId, code, qrFileID, expiresAt: (stored?.expiresAt ?? expiresAt).toISOString() };
}
