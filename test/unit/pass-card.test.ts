/** The printed 爱心码: good for its days, refused when altered, forged, expired or taken for a phone token. */
import fc from 'fast-check';
import { CARD_ID, cardIdFor, checkCard, cardToken } from '../../core/pass-card';
import { checkToken, issueToken } from '../../core/pass-token';

const SECRET = 'test-secret-of-enough-length-0123456789';
const NOW = new Date('2020-02-15T02:00:00Z');
const DAY = 24 * 3600_000;
let issued = 0;
const subject = () => ({
  cardId: cardIdFor('demo-grid-11', `req-${++issued}`),
  residentId: 'res-00042',
  householdId: 'enc-a-b01-u1-101',
  enclosureId: 'enc-a',
});

test('a card names who it is for until its last second, then is refused', () => {
  const card = subject();
  const expiresAt = new Date(NOW.getTime() + 14 * DAY);
  const token = cardToken(card, expiresAt, SECRET);
  expect(checkCard(token, NOW, SECRET)).toEqual({ ok: true, ...card, expiresAt });
  expect(checkCard(token, new Date(expiresAt.getTime() - 1000), SECRET).ok).toBe(true);
  expect(checkCard(token, expiresAt, SECRET)).toEqual({ ok: false, reason: 'expired' });
  expect(token).not.toMatch(/green|yellow|red/);
});

test('printing a card again gives the same QR', () => {
  const card = subject();
  const expiresAt = new Date(NOW.getTime() + DAY);
  expect(cardToken(card, expiresAt, SECRET)).toBe(cardToken(card, expiresAt, SECRET));
});

test('one card id per issuing request: a retry names the same card, another request another', () => {
  const ids = Array.from({ length: 200 }, (_, i) => cardIdFor('demo-grid-11', `req-${i}`));
  expect(new Set(ids).size).toBe(200);
  expect(ids.every((id) => CARD_ID.test(id))).toBe(true);
  expect(cardIdFor('demo-grid-11', 'req-7')).toBe(ids[7]);
  expect(cardIdFor('demo-grid-12', 'req-7')).not.toBe(ids[7]);
});

test('any changed character of a card is refused', () => {
  const token = cardToken(subject(), new Date(NOW.getTime() + 14 * DAY), SECRET);
  fc.assert(
    fc.property(fc.nat(token.length - 1), fc.constantFrom(...'abcXYZ019-_.'), (at, ch) => {
      fc.pre(token[at] !== ch);
      const altered = token.slice(0, at) + ch + token.slice(at + 1);
      expect(checkCard(altered, NOW, SECRET).ok).toBe(false);
    }),
  );
});

test('a card signed with another key (another environment, a forger) is refused', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 32, maxLength: 64 }), (otherKey) => {
      fc.pre(otherKey !== SECRET);
      const forged = cardToken(subject(), new Date(NOW.getTime() + DAY), otherKey);
      expect(checkCard(forged, NOW, SECRET)).toEqual({ ok: false, reason: 'bad_signature' });
    }),
    { numRuns: 50 },
  );
});

test('a card is no phone token and a phone token no card, though both use the pass key', () => {
  const card = cardToken(subject(), new Date(NOW.getTime() + DAY), SECRET);
  expect(checkToken(card, NOW, SECRET).ok).toBe(false);
  const { token } = issueToken({ residentId: 'res-1', householdId: 'h-1', enclosureId: 'enc-a' }, NOW, SECRET);
  expect(checkCard(token, NOW, SECRET)).toEqual({ ok: false, reason: 'malformed' });
  // Relabelled as a card, a phone token's signature does not hold.
  const [, r, h, e, exp, sig] = token.split('.');
  expect(checkCard(['C1', subject().cardId, r, h, e, exp, sig].join('.'), NOW, SECRET).ok).toBe(false);
});

test('no key, no card: an unusable key is a deployment fault, never an open gate', () => {
  expect(() => checkCard('C1.x', NOW, '')).toThrow();
  expect(() => cardToken(subject(), new Date(NOW.getTime() + DAY), 'short')).toThrow();
});
