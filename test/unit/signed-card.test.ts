/**
 * Printed 爱心码 signed with Ed25519 (C2): only the cloud's key makes one, only for its
 * environment, until its day; no altered character passes; a card is never a pass nor a pass a
 * card. Checked by the cloud (Node's crypto) and by a guard's phone offline (tweetnacl).
 */
import fc from 'fast-check';
import { checkAnyCard } from '../../core/pass-card';
import {
  checkSignedCardOnline,
  checkSignedTokenOnline,
  issueSignedCard,
  issueSignedToken,
  signingKeyFromSeed,
} from '../../core/signed-pass';
import { checkSignedCard } from '../../miniprogram/shared/signed-card';

const seedOf = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (n * 17 + i * 5) & 255);
const KEY = signingKeyFromSeed(seedOf(1));
const OTHER = signingKeyFromSeed(seedOf(2));
const ENV = 'prod-2g9x4k';
const AT = new Date('2020-02-20T10:00:00+08:00');
const DAY = 24 * 3600_000;
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);
const cardId = fc.stringMatching(/^c[a-z2-7]{12}$/);
const subject = fc.record({ cardId, residentId: id, householdId: id, enclosureId: id });
const days = fc.integer({ min: 1, max: 30 });
type Subject = { cardId: string; residentId: string; householdId: string; enclosureId: string };
const issue = (s: Subject, d: number, key = KEY, envId = ENV) =>
  issueSignedCard(s, new Date(AT.getTime() + d * DAY), { key, envId });
const online = (card: string, at = AT, envId = ENV) =>
  checkSignedCardOnline(card, at, { publicKey: KEY.publicKey, envId });
const PHONE_RUNS = { numRuns: 15 };

test('a card the cloud signed reads back as its subject until its last day, online and on the phone', () => {
  fc.assert(
    fc.property(subject, days, (s, d) => {
      const card = issue(s, d);
      expect(card).toBe(issue(s, d)); // printed again, the same QR
      expect(online(card, new Date(AT.getTime() + d * DAY - 1000))).toMatchObject({ ok: true, ...s });
      expect(online(card, new Date(AT.getTime() + d * DAY))).toEqual({ ok: false, reason: 'expired' });
      expect(card.length).toBeLessThanOrEqual(2 + 13 + 3 * 24 + 10 + 86 + 6);
    }),
  );
  fc.assert(
    fc.property(subject, days, (s, d) =>
      expect(checkSignedCard(issue(s, d), AT, { publicKey: KEY.publicKey, envId: ENV })).toMatchObject({
        ok: true,
        ...s,
      }),
    ),
    PHONE_RUNS,
  );
});

test('a card of another key or another environment, or with any character altered, is refused', () => {
  fc.assert(
    fc.property(subject, days, fc.nat(), fc.constantFrom(...'AZaz27_-.x'), (s, d, at, c) => {
      expect(online(issue(s, d, OTHER)).ok).toBe(false);
      expect(online(issue(s, d, KEY, 'other-env')).ok).toBe(false);
      const card = issue(s, d);
      const i = at % card.length;
      const changed = card.slice(0, i) + c + card.slice(i + 1);
      if (changed !== card) expect(online(changed).ok).toBe(false);
    }),
  );
});

test('a card is never a pass, nor a pass a card, under the same key', () => {
  fc.assert(
    fc.property(subject, (s) => {
      const card = issue(s, 1);
      expect(checkSignedTokenOnline(card, AT, { publicKey: KEY.publicKey, envId: ENV }).ok).toBe(false);
      const { token } = issueSignedToken(s, AT, { key: KEY, envId: ENV });
      const asCard = `C2.${s.cardId}.${token.slice(3)}`;
      expect(online(asCard).ok).toBe(false);
    }),
  );
});

test('the gate reads both kinds of card: the signed ones and the HMAC ones printed before', () => {
  const s = { cardId: 'cabcdefghijkl', residentId: 'r1', householdId: 'h1', enclosureId: 'e1' };
  const keys = { secret: 'x'.repeat(32), publicKey: KEY.publicKey, envId: ENV };
  expect(checkAnyCard(issue(s, 14), AT, keys)).toMatchObject({ ok: true, ...s });
  expect(checkAnyCard('C2.garbage', AT, keys)).toEqual({ ok: false, reason: 'malformed' });
});
