/**
 * 爱心码: the printed pass for someone without a phone (an elder, a child). Like the phone's token
 * it proves *who*, never the colour — the gate decides the colour at scan time — but it lives days,
 * not minutes, so each card also has an id the gate looks up: a revoked or reissued card is
 * refused although its signature is good. Signed with the pass key under its own label, so no
 * card signature is ever a valid phone-token signature or the reverse.
 * Format (C1, HMAC; new cards are C2, signed with Ed25519: miniprogram/shared/signed-card.ts):
 * `C1.<cardId>.<residentId>.<householdId>.<enclosureId>.<expiresAtSeconds>.<signature>`.
 */
import crypto from 'node:crypto';
import { type PassSubject, requireSecret } from './pass-token';
import { ID_PATTERN } from './validate';
import { CARD_ID, isSignedCard } from '../miniprogram/shared/signed-card';
import { checkSignedCardOnline } from './signed-pass';

export const CARD_PREFIX = 'C1';
export const DEFAULT_CARD_DAYS = 14;
export const MAX_CARD_DAYS = 30;
export { CARD_ID };

export interface CardSubject extends PassSubject {
  cardId: string;
}

export type CardCheck =
  ({ ok: true; expiresAt: Date } & CardSubject) | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** A printed card of either kind: the HMAC one (C1, printed before Ed25519) or the signed one (C2). */
export const isCardToken = (token: unknown): boolean =>
  typeof token === 'string' && (token.startsWith(`${CARD_PREFIX}.`) || isSignedCard(token));

/** The gate's check of any printed card. */
export function checkAnyCard(
  token: unknown,
  now: Date,
  keys: { secret: string; publicKey: Uint8Array; envId: string },
): CardCheck {
  if (isSignedCard(token)) return checkSignedCardOnline(token, now, keys);
  return checkCard(token, now, keys.secret);
}

function signature(payload: string, secret: string): string {
  requireSecret(secret);
  return crypto.createHmac('sha256', secret).update(`card\u0000${payload}`).digest('base64url').slice(0, 22);
}

/**
 * The card id for one issuing request (the worker's OPENID and request id): a retried issue names
 * the same card, so it is stored once. The id need not be secret — only the key can sign a card.
 */
export function cardIdFor(openid: string, requestId: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const digest = crypto.createHash('sha256').update(`card\u0000${openid}\u0000${requestId}`).digest();
  return `c${Array.from(digest.subarray(0, 12), (b) => alphabet[b % 32]).join('')}`;
}

/** The card's QR content; the same inputs always give the same token, so a card can be printed again. */
export function cardToken(subject: CardSubject, expiresAt: Date, secret: string): string {
  if (!CARD_ID.test(subject.cardId)) throw new Error(`not a card id: ${subject.cardId}`);
  for (const id of [subject.residentId, subject.householdId, subject.enclosureId]) {
    if (!ID_PATTERN.test(id)) throw new Error(`id not allowed in a card: ${id}`);
  }
  const payload = [
    CARD_PREFIX,
    subject.cardId,
    subject.residentId,
    subject.householdId,
    subject.enclosureId,
    Math.floor(expiresAt.getTime() / 1000),
  ].join('.');
  return `${payload}.${signature(payload, secret)}`;
}

/** Throws when the key is missing or short: no card is valid under an unusable key. */
export function checkCard(token: unknown, now: Date, secret: string): CardCheck {
  requireSecret(secret);
  if (typeof token !== 'string' || token.length > 256) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 7 || parts[0] !== CARD_PREFIX) return { ok: false, reason: 'malformed' };
  const [, cardId, residentId, householdId, enclosureId, expires, sig] = parts;
  if (
    !CARD_ID.test(cardId) ||
    ![residentId, householdId, enclosureId].every((id) => ID_PATTERN.test(id)) ||
    !/^\d{1,12}$/.test(expires)
  )
    return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(signature(parts.slice(0, 6).join('.'), secret));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, cardId, residentId, householdId, enclosureId, expiresAt };
}
