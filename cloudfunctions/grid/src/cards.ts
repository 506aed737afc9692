/**
 * 爱心码 (grid workers): printed passes for residents of my grid without a phone — elders and
 * children listed with their household. A card lives its days (14 by default), is printed again
 * as often as needed (the same QR), reissued on loss (the old card stops working at once) and
 * revoked with a reason. Every issue and revocation is audited; the retention job removes a card
 * the retention period after its end. The gate checks the signature and
 * looks the card up in the same read as the resident (gate/scan.ts).
 */
import { CARD_ID, DEFAULT_CARD_DAYS, MAX_CARD_DAYS, cardIdFor } from '../../../core/pass-card';
import { issueSignedCard } from '../../../core/signed-pass';
import type { ResidentDoc } from '../../../core/status-doc';
import { DAY_MS } from '../../../core/time';
import type { CardHolder, CardView } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { passKeys } from '../../../server/pass-key';
import { Stored, findAll, findById, insertOnce, updateWhere } from '../../../server/db';
import { notFound } from '../../../server/errors';
import { idFor } from '../../../server/ids';
import { id, input, int, requestId, text, v } from '../../../server/schema';
import { UserDoc, gridBuildingIds, requireGridOf, residentOfGrid } from '../../../server/users';

export interface CardDoc {
  residentId: string;
  householdId: string;
  enclosureId: string;
  buildingId: string;
  maskedName: string;
  address: string;
  issuedBy: string;
  issuedAt: Date;
  expiresAt: Date;
  state: 'active' | 'revoked';
  revokedAt?: Date;
  revokedBy?: string;
  revokeReason?: string;
}

const DENIED = '仅网格员可以制发爱心码';
/** More residents than this in one grid is refused rather than listed in part. */
const HOLDERS_MAX = 20_000;

const cardId = () => v.pipe(v.string('爱心码无效'), v.regex(CARD_ID, '爱心码无效'));

const cardKeys = () => passKeys('未配置通行码密钥，无法制发爱心码，请联系街道管理员');

function viewOf(card: Stored<CardDoc>, at: Date): CardView {
  const usable = card.state === 'active' && card.expiresAt > at;
  return {
    cardId: card._id,
    maskedName: card.maskedName,
    address: card.address,
    issuedAt: card.issuedAt.toISOString(),
    expiresAt: card.expiresAt.toISOString(),
    state: card.state === 'revoked' ? 'revoked' : usable ? 'active' : 'expired',
    // Only a card that still works is printable: a revoked one's QR is never handed out again.
    // Signed with Ed25519 (C2), so a guard's phone checks it offline too.
    token: usable ? signedCardOf(card) : null,
  };
}

function signedCardOf(card: Stored<CardDoc>): string {
  const keys = cardKeys();
  const subject = {
    cardId: card._id,
    residentId: card.residentId,
    householdId: card.householdId,
    enclosureId: card.enclosureId,
  };
  return issueSignedCard(subject, card.expiresAt, { key: keys.signing, envId: keys.envId });
}

export const cardHolders = {
  who: 'staff',
  role: 'grid_worker',
  denied: DENIED,
  input: input({}),
  run: async (_input, { user }) => holdersOf(await gridBuildingIds(user), now()),
} satisfies Def<'grid', 'cardHolders'>;

/** Residents of these buildings without a phone (no WeChat of their own), each with a card in force. */
async function holdersOf(buildingIds: string[], at: Date): Promise<CardHolder[]> {
  const [residents, cards] = await Promise.all([
    findAll<ResidentDoc>(
      'residents',
      { buildingId: { $in: buildingIds } },
      {
        fields: {
          maskedName: 1,
          buildingName: 1,
          unit: 1,
          room: 1,
          relation: 1,
          birthYear: 1,
          openid: 1,
        },
        max: HOLDERS_MAX,
      },
    ),
    findAll<CardDoc>('pass_cards', { buildingId: { $in: buildingIds }, state: 'active' }, { max: HOLDERS_MAX }),
  ]);
  const cardOf = new Map(cards.filter((c) => c.expiresAt > at).map((c) => [c.residentId, c]));
  return residents
    .filter((r) => !r.openid)
    .map((r) => {
      const card = cardOf.get(r._id);
      return {
        residentId: r._id,
        maskedName: r.maskedName,
        address: `${r.buildingName}${r.unit}单元${r.room}室`,
        relation: r.relation,
        birthYear: r.birthYear,
        card: card ? { cardId: card._id, expiresAt: card.expiresAt.toISOString() } : null,
      };
    })
    .sort((a, b) => a.address.localeCompare(b.address, 'zh-CN', { numeric: true }));
}

export const issueCard = {
  who: 'staff',
  role: 'grid_worker',
  denied: DENIED,
  input: input({
    requestId: requestId(),
    residentId: id('住户'),
    days: v.optional(int('有效天数', 1, MAX_CARD_DAYS)),
  }),
  run: (input, { user }) => issue(user, input),
} satisfies Def<'grid', 'issueCard'>;

async function issue(
  worker: Stored<UserDoc>,
  { requestId, residentId, days = DEFAULT_CARD_DAYS }: { requestId: string; residentId: string; days?: number },
): Promise<CardView> {
  // `clearedAt` is a medic's clearance (health.clear), not a move-out: a cleared elder keeps their card.
  const resident = await residentOfGrid(worker, residentId);
  cardKeys(); // before any write: no card is stored that could not be printed
  const at = now();
  const card: Stored<CardDoc> = {
    _id: cardIdFor(worker._id, requestId),
    residentId,
    householdId: resident.householdId,
    enclosureId: resident.enclosureId,
    buildingId: resident.buildingId,
    maskedName: resident.maskedName,
    address: `${resident.buildingName}${resident.unit}单元${resident.room}室`,
    issuedBy: worker._id,
    issuedAt: at,
    expiresAt: new Date(at.getTime() + days * DAY_MS),
    state: 'active',
  };
  // A retried issue finds its card stored and changes nothing but finishing the reissue below.
  const fresh = await insertOnce('pass_cards', card);
  const stored = fresh ? card : (await findById<CardDoc>('pass_cards', card._id))!;
  // Reissue: the resident's earlier cards still in force stop working now (a lost card is void).
  // Only earlier ones: a late retry of an old request must not void the card issued after it.
  const replaced = await updateWhere(
    'pass_cards',
    { residentId, state: 'active', issuedAt: { $lte: stored.issuedAt }, _id: { $ne: stored._id } },
    { state: 'revoked', revokedAt: at, revokedBy: worker._id, revokeReason: '补办新卡，旧卡作废' },
  );
  await insertOnce('audit_logs', {
    _id: idFor('card-issue', worker._id, requestId),
    at,
    actor: worker._id,
    action: 'card_issue',
    residentId,
    before: null,
    after: { cardId: stored._id, expiresAt: stored.expiresAt, replaced },
    note: replaced ? '补办爱心码' : '制发爱心码',
  });
  return viewOf(stored, at);
}

export const card = {
  who: 'staff',
  role: 'grid_worker',
  denied: DENIED,
  input: input({ cardId: cardId() }),
  run: async ({ cardId }, { user }) => {
    const found = await findById<CardDoc>('pass_cards', cardId);
    if (!found) throw notFound('爱心码不存在');
    await requireGridOf(user, found.buildingId, '该爱心码不属于您负责的网格');
    return viewOf(found, now());
  },
} satisfies Def<'grid', 'card'>;

export const revokeCard = {
  who: 'staff',
  role: 'grid_worker',
  denied: DENIED,
  input: input({ cardId: cardId(), reason: text('作废原因', { min: 2, max: 100 }) }),
  run: async ({ cardId, reason }, { user }) => {
    const found = await findById<CardDoc>('pass_cards', cardId);
    if (!found) throw notFound('爱心码不存在');
    await requireGridOf(user, found.buildingId, '该爱心码不属于您负责的网格');
    const at = now();
    // Revoking twice (a retry) changes nothing more and is audited once.
    const changed = await updateWhere(
      'pass_cards',
      { _id: cardId, state: 'active' },
      { state: 'revoked', revokedAt: at, revokedBy: user._id, revokeReason: reason },
    );
    if (changed)
      await insertOnce('audit_logs', {
        _id: idFor('card-revoke', user._id, cardId),
        at,
        actor: user._id,
        action: 'card_revoke',
        residentId: found.residentId,
        before: { state: found.state },
        after: { state: 'revoked' },
        note: reason,
      });
    return { cardId, state: 'revoked' as const };
  },
} satisfies Def<'grid', 'revokeCard'>;
