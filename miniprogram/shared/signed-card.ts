/**
 * Printed 爱心码 a guard's phone can check with no network (issue 15): the card's QR signed with
 * the same Ed25519 key as the phone passes, under its own prefix, so no card signature is ever a
 * valid pass signature or the reverse. A card lives days, so the signature proves who and until
 * when only: whether the card is still the one in force (not revoked, not replaced after a loss)
 * is the gate's lookup online, and the snapshot's list of cards in force offline.
 *
 * Format: `C2.<cardId>.<residentId>.<householdId>.<enclosureId>.<expiresAtSeconds>.<signature>`.
 */
import nacl from 'tweetnacl';
import { SIGNED_ID, fromBase64Url, signedMessage } from './signed-pass';

export const SIGNED_CARD_PREFIX = 'C2';
/** Card ids are short (they are printed in the QR): 12 characters of base32. */
export const CARD_ID = /^c[a-z2-7]{12}$/;

export interface SignedCardSubject {
  cardId: string;
  residentId: string;
  householdId: string;
  enclosureId: string;
}

export type SignedCardCheck =
  | ({ ok: true; expiresAt: Date } & SignedCardSubject)
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export const isSignedCard = (token: unknown): token is string =>
  typeof token === 'string' && token.startsWith(`${SIGNED_CARD_PREFIX}.`);

/** The card's text until `expiresSeconds`, and the bytes its signature covers. */
export function signedCardPayload(
  subject: SignedCardSubject,
  expiresSeconds: number,
  envId: string,
): { payload: string; signed: Uint8Array } {
  if (!CARD_ID.test(subject.cardId)) throw new Error(`not a card id: ${subject.cardId}`);
  for (const id of [subject.residentId, subject.householdId, subject.enclosureId])
    if (!SIGNED_ID.test(id)) throw new Error(`id not allowed in a card: ${id}`);
  const payload = [
    SIGNED_CARD_PREFIX,
    subject.cardId,
    subject.residentId,
    subject.householdId,
    subject.enclosureId,
    expiresSeconds,
  ].join('.');
  return { payload, signed: signedMessage(envId, payload) };
}

/** The verdict on a card's form, signature (checked by `verify`) and time. */
export function judgeSignedCard(
  token: unknown,
  now: Date,
  envId: string,
  verify: (signed: Uint8Array, signature: Uint8Array) => boolean,
): SignedCardCheck {
  if (typeof token !== 'string' || token.length > 320) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 7 || parts[0] !== SIGNED_CARD_PREFIX) return { ok: false, reason: 'malformed' };
  const [, cardId, residentId, householdId, enclosureId, expires, sig] = parts;
  if (
    !CARD_ID.test(cardId) ||
    ![residentId, householdId, enclosureId].every((id) => SIGNED_ID.test(id)) ||
    !/^\d{1,12}$/.test(expires)
  )
    return { ok: false, reason: 'malformed' };
  const signature = fromBase64Url(sig);
  if (!signature || signature.length !== nacl.sign.signatureLength) return { ok: false, reason: 'malformed' };
  if (!verify(signedMessage(envId, parts.slice(0, 6).join('.')), signature))
    return { ok: false, reason: 'bad_signature' };
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, cardId, residentId, householdId, enclosureId, expiresAt };
}

/** Checks a card with the public key alone, as a guard's phone does offline (tweetnacl). */
export const checkSignedCard = (
  token: unknown,
  now: Date,
  { publicKey, envId }: { publicKey: Uint8Array; envId: string },
): SignedCardCheck =>
  judgeSignedCard(token, now, envId, (signed, signature) => nacl.sign.detached.verify(signed, signature, publicKey));
