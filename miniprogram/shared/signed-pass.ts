/**
 * Pass tokens a guard's phone can check with no network (issue 15, the gate offline): signed with
 * Ed25519 by the cloud's private key, checked with its public key, which the phone may hold. The
 * token proves *who* and *until when* only, as the HMAC token (core/pass-token.ts) does; the
 * colour comes from the gate's own view. The signed message also names the environment (the
 * CloudBase env id), so a token of another deployment fails even under a copied key pair.
 *
 * Format: `P2.<residentId>.<householdId>.<enclosureId>.<expiresAtSeconds>.<signature>`, the
 * signature 64 bytes in base64url (86 characters). On the phone tweetnacl (1.0.3, public domain,
 * audited, no dependencies, plain ES5 and no BigInt, so it runs on every WeChat base library)
 * verifies; the functions sign and verify with Node's own crypto (core/signed-pass.ts), 100 times
 * faster, on the same format. Kept under miniprogram/ because WeChat packages only files there.
 */
import nacl from 'tweetnacl';

export const SIGNED_PREFIX = 'P2';
/** As for HMAC tokens: a screenshot stops working within 2 minutes. */
export const SIGNED_TTL_SECONDS = 120;
const CLOCK_SKEW_SECONDS = 5;
/** The ids a token may carry: those the functions make (core/validate's ID_PATTERN). */
export const SIGNED_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface SignedSubject {
  residentId: string;
  householdId: string;
  enclosureId: string;
}

export type SignedCheck =
  | ({ ok: true; expiresAt: Date } & SignedSubject)
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'not_yet_valid' };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** base64url without padding (no Buffer or btoa in the mini-program). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The bytes of a base64url text, or null when it is not one (wrong characters, impossible length). */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const c of text) {
    const v = INDEX.get(c);
    if (v === undefined) return null;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 255;
    }
  }
  // Leftover bits must be zero: one text per byte string, so an altered last character never passes.
  if (value & ((1 << bits) - 1)) return null;
  return bytes;
}

/** What is signed: the environment, then the token's text. Both are ASCII (ids, digits, env ids). */
export function signedMessage(envId: string, payload: string): Uint8Array {
  if (!SIGNED_ID.test(envId)) throw new Error(`environment id not allowed: ${envId}`);
  const text = `${envId}\n${payload}`;
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** The token's text for a subject until `expiresSeconds`, and the bytes its signature covers. */
export function signedPayload(
  subject: SignedSubject,
  expiresSeconds: number,
  envId: string,
): { payload: string; signed: Uint8Array } {
  for (const id of [subject.residentId, subject.householdId, subject.enclosureId])
    if (!SIGNED_ID.test(id)) throw new Error(`id not allowed in a token: ${id}`);
  const payload = [SIGNED_PREFIX, subject.residentId, subject.householdId, subject.enclosureId, expiresSeconds].join(
    '.',
  );
  return { payload, signed: signedMessage(envId, payload) };
}

export const isSignedToken = (token: unknown): token is string =>
  typeof token === 'string' && token.startsWith(`${SIGNED_PREFIX}.`);

type Parsed = { subject: SignedSubject; expiresMs: number; signed: Uint8Array; signature: Uint8Array };

/** The parts of a token, or why it is not one; the signature is not checked here. */
export function parseSignedToken(token: unknown, envId: string): Parsed | { reason: 'malformed' } {
  if (typeof token !== 'string' || token.length > 320) return { reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 6 || parts[0] !== SIGNED_PREFIX) return { reason: 'malformed' };
  const [, residentId, householdId, enclosureId, expires, sig] = parts;
  if (![residentId, householdId, enclosureId].every((id) => SIGNED_ID.test(id)) || !/^\d{1,12}$/.test(expires))
    return { reason: 'malformed' };
  const signature = fromBase64Url(sig);
  if (!signature || signature.length !== nacl.sign.signatureLength) return { reason: 'malformed' };
  return {
    subject: { residentId, householdId, enclosureId },
    expiresMs: Number(expires) * 1000,
    signed: signedMessage(envId, parts.slice(0, 5).join('.')),
    signature,
  };
}

/** The verdict on a token's form, signature (checked by `verify`) and time. */
export function judgeSignedToken(
  token: unknown,
  now: Date,
  envId: string,
  verify: (signed: Uint8Array, signature: Uint8Array) => boolean,
): SignedCheck {
  const parsed = parseSignedToken(token, envId);
  if ('reason' in parsed) return { ok: false, reason: parsed.reason };
  if (!verify(parsed.signed, parsed.signature)) return { ok: false, reason: 'bad_signature' };
  const { expiresMs } = parsed;
  if (expiresMs + CLOCK_SKEW_SECONDS * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  if (expiresMs - (SIGNED_TTL_SECONDS + CLOCK_SKEW_SECONDS) * 1000 > now.getTime())
    return { ok: false, reason: 'not_yet_valid' };
  return { ok: true, ...parsed.subject, expiresAt: new Date(expiresMs) };
}

/** Checks a token with the public key alone, as a guard's phone does offline (tweetnacl). */
export const checkSignedToken = (
  token: unknown,
  now: Date,
  { publicKey, envId }: { publicKey: Uint8Array; envId: string },
): SignedCheck =>
  judgeSignedToken(token, now, envId, (signed, signature) => nacl.sign.detached.verify(signed, signature, publicKey));
