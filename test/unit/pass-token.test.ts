/** The pass token proves who for at most two minutes; any tampering or a screenshot fails. */
import crypto from 'node:crypto';
import fc from 'fast-check';
import { MAX_TOKEN_TTL_SECONDS, checkToken, issueToken } from '../../core/pass-token';

const SECRET = 'test-secret-of-enough-length-0123456789';
const subject = { residentId: 'res-00042', householdId: 'enc-a-b01-u1-101', enclosureId: 'enc-a' };
const NOW = new Date('2020-02-15T02:00:00Z');
const later = (s: number) => new Date(NOW.getTime() + s * 1000);

test('a fresh token names its resident, household and enclosure, never a colour', () => {
  const { token, expiresAt } = issueToken(subject, NOW, SECRET);
  expect(checkToken(token, NOW, SECRET)).toEqual({ ok: true, ...subject, expiresAt });
  expect(token).not.toMatch(/green|yellow|red/);
  expect(expiresAt.getTime() - NOW.getTime()).toBe(MAX_TOKEN_TTL_SECONDS * 1000);
});

test('a token is refused once expired, as a screenshot shown later would be', () => {
  const { token } = issueToken(subject, NOW, SECRET);
  expect(checkToken(token, later(MAX_TOKEN_TTL_SECONDS + 6), SECRET)).toEqual({ ok: false, reason: 'expired' });
});

test('a token signed with another secret (another estate, a forger) is refused', () => {
  const { token } = issueToken(subject, NOW, 'someone-elses-secret-0123456789abcdef');
  expect(checkToken(token, NOW, SECRET)).toEqual({ ok: false, reason: 'bad_signature' });
});

test('a lifetime over two minutes is cut to two minutes', () => {
  const { expiresAt } = issueToken(subject, NOW, SECRET, 3600);
  expect(expiresAt).toEqual(later(MAX_TOKEN_TTL_SECONDS));
});

test('property: changing any one character of a token makes it fail', () => {
  const { token } = issueToken(subject, NOW, SECRET);
  fc.assert(
    fc.property(fc.nat(token.length - 1), fc.constantFrom(...'ABCabc0129-_.X'), (at, ch) => {
      fc.pre(token[at] !== ch);
      const forged = token.slice(0, at) + ch + token.slice(at + 1);
      expect(checkToken(forged, NOW, SECRET).ok).toBe(false);
    }),
  );
});

test('property: any well-formed subject round-trips while valid and fails after expiry', () => {
  const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
  fc.assert(
    fc.property(
      id,
      id,
      id,
      fc.integer({ min: 1, max: 120 }),
      fc.integer({ min: 0, max: 400 }),
      (r, h, e, ttl, after) => {
        const { token } = issueToken({ residentId: r, householdId: h, enclosureId: e }, NOW, SECRET, ttl);
        const check = checkToken(token, later(after), SECRET);
        if (after < ttl) expect(check).toMatchObject({ ok: true, residentId: r, householdId: h, enclosureId: e });
        if (after >= ttl + 5) expect(check).toEqual({ ok: false, reason: 'expired' });
      },
    ),
  );
});

test('property: arbitrary strings are refused without throwing', () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => expect(checkToken(s, NOW, SECRET).ok).toBe(false)));
});

test('no key, or one under 32 characters, signs nothing and accepts nothing, even a token made with it', () => {
  for (const weak of ['', 'x'.repeat(31)]) {
    const payload = ['P1', subject.residentId, subject.householdId, subject.enclosureId, 1581732060].join('.');
    const forged = `${payload}.${crypto.createHmac('sha256', weak).update(payload).digest('base64url').slice(0, 22)}`;
    expect(() => checkToken(forged, NOW, weak)).toThrow('at least 32 characters');
    expect(() => issueToken(subject, NOW, weak)).toThrow('at least 32 characters');
  }
  expect(issueToken(subject, NOW, 'x'.repeat(32)).token).toMatch(/^P1\./);
});
