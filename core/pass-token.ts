/**
 * The pass QR code's content: a short-lived, server-signed token that proves *who* (resident,
 * household, enclosure), never the colour — the gate decides the colour at scan time. A
 * screenshot stops working when the token expires (≤ 2 minutes); any changed character breaks
 * the HMAC. Format: `P1.<residentId>.<householdId>.<enclosureId>.<expiresAtSeconds>.<signature>`.
 */
import crypto from 'node:crypto';
import { checkSignedTokenOnline, isSignedToken } from './signed-pass';
import { ID_PATTERN } from './validate';

export const TOKEN_PREFIX = 'P1';
export const MAX_TOKEN_TTL_SECONDS = 120;
/** Clocks of the issuing and the scanning instance may differ a little. */
const CLOCK_SKEW_SECONDS = 5;
/** Shorter keys can be guessed; the empty key (a variable never set) is public. */
export const MIN_SECRET_LENGTH = 32;

/** Whether a configured key is fit to sign and check passes. */
export function isUsableSecret(secret: string | null | undefined): secret is string {
  return typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH;
}

/** Signing or checking with no key, or a short one, is a deployment fault: refuse, never fail open. */
export function requireSecret(secret: string): void {
  if (!isUsableSecret(secret)) throw new Error(`pass token secret must be at least ${MIN_SECRET_LENGTH} characters`);
}

export interface PassSubject {
  residentId: string;
  householdId: string;
  enclosureId: string;
}

/**
 * A phone pass of either kind: Ed25519 (P2, what `residents.pass` issues, checkable offline) or
 * HMAC (P1, issued before; both live 2 minutes, so P1 only matters around an upgrade).
 */
export function checkAnyToken(
  token: unknown,
  now: Date,
  keys: { secret: string; publicKey: Uint8Array; envId: string },
): TokenCheck {
  if (isSignedToken(token)) return checkSignedTokenOnline(token, now, keys);
  return checkToken(token, now, keys.secret);
}

export type TokenCheck =
  | ({ ok: true; expiresAt: Date } & PassSubject)
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'not_yet_valid' };

function signature(payload: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 22); // 132 bits
}

export function issueToken(
  subject: PassSubject,
  now: Date,
  secret: string,
  ttlSeconds = MAX_TOKEN_TTL_SECONDS,
): { token: string; expiresAt: Date } {
  requireSecret(secret);
  for (const id of [subject.residentId, subject.householdId, subject.enclosureId]) {
    if (!ID_PATTERN.test(id)) throw new Error(`id not allowed in a token: ${id}`);
  }
  const ttl = Math.min(Math.max(1, Math.floor(ttlSeconds)), MAX_TOKEN_TTL_SECONDS);
  const expiresSeconds = Math.floor(now.getTime() / 1000) + ttl;
  const payload = [TOKEN_PREFIX, subject.residentId, subject.householdId, subject.enclosureId, expiresSeconds].join(
    '.',
  );
  return { token: `${payload}.${signature(payload, secret)}`, expiresAt: new Date(expiresSeconds * 1000) };
}

/** Throws when the key is missing or short: no token is valid under an unusable key. */
export function checkToken(token: unknown, now: Date, secret: string): TokenCheck {
  requireSecret(secret);
  if (typeof token !== 'string' || token.length > 256) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 6 || parts[0] !== TOKEN_PREFIX) return { ok: false, reason: 'malformed' };
  const [, residentId, householdId, enclosureId, expires, sig] = parts;
  if (![residentId, householdId, enclosureId].every((id) => ID_PATTERN.test(id)) || !/^\d{1,12}$/.test(expires)) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = signature(parts.slice(0, 5).join('.'), secret);
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, Buffer.from(expected)))
    return { ok: false, reason: 'bad_signature' };
  const expiresMs = Number(expires) * 1000;
  const nowMs = now.getTime();
  if (expiresMs + CLOCK_SKEW_SECONDS * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  if (expiresMs - (MAX_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS) * 1000 > nowMs)
    return { ok: false, reason: 'not_yet_valid' };
  return { ok: true, residentId, householdId, enclosureId, expiresAt: new Date(expiresMs) };
}
