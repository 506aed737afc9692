/**
 * Ed25519 pass tokens: only the cloud's key makes one, only for its environment, for 2 minutes,
 * and no altered character passes — checked both ways: by the cloud (Node's crypto) and by a
 * guard's phone offline (tweetnacl, pure JS, about 100 times slower, hence fewer runs there).
 */
import fc from 'fast-check';
import nacl from 'tweetnacl';
import { checkSignedTokenOnline, issueSignedToken, signingKeyFromSeed } from '../../core/signed-pass';
import { SIGNED_TTL_SECONDS, checkSignedToken, fromBase64Url, toBase64Url } from '../../miniprogram/shared/signed-pass';

const seedOf = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (n * 31 + i * 7) & 255);
const KEY = signingKeyFromSeed(seedOf(1));
const OTHER = signingKeyFromSeed(seedOf(2));
const ENV = 'prod-2g9x4k';
const AT = new Date('2020-02-20T10:00:00+08:00');
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);
const subject = fc.record({ residentId: id, householdId: id, enclosureId: id });
type Subject = { residentId: string; householdId: string; enclosureId: string };
const issue = (s: Subject, at = AT, key = KEY) => issueSignedToken(s, at, { key, envId: ENV }).token;
const online = (token: string, at = AT, key = KEY, envId = ENV) =>
  checkSignedTokenOnline(token, at, { publicKey: key.publicKey, envId });
const onPhone = (token: string, at = AT, key = KEY, envId = ENV) =>
  checkSignedToken(token, at, { publicKey: key.publicKey, envId });
const PHONE_RUNS = { numRuns: 15 };

test('base64url round-trips any bytes as Node spells it, and a text is read one way only', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }),
  );
  expect(fromBase64Url('ab=c')).toBeNull();
  expect(fromBase64Url('A')).toBeNull();
  expect(fromBase64Url('AA')).toEqual(Uint8Array.of(0));
  expect(fromBase64Url('AB')).toBeNull(); // the same byte spelt with stray low bits
});

test("the cloud's key pair is the standard one: the phone's library derives the same public key", () => {
  const seed = seedOf(7);
  expect(signingKeyFromSeed(seed).publicKey).toEqual(nacl.sign.keyPair.fromSeed(seed).publicKey);
});

test('a token the cloud signed is read back as its subject, online and on the phone alike', () => {
  fc.assert(
    fc.property(subject, (s) => {
      const token = issue(s);
      expect(online(token)).toMatchObject({ ok: true, ...s });
      expect(token.length).toBeLessThanOrEqual(5 * 24 + 3 + 10 + 86 + 5);
    }),
  );
  fc.assert(
    fc.property(subject, (s) => expect(onPhone(issue(s))).toMatchObject({ ok: true, ...s })),
    PHONE_RUNS,
  );
});

const altered = fc
  .tuple(subject, fc.nat(), fc.constantFrom(...'AZaz09_-.x'))
  .map(([s, at, c]) => {
    const token = issue(s);
    const i = at % token.length;
    return token[i] === c ? null : token.slice(0, i) + c + token.slice(i + 1);
  })
  .filter((t): t is string => t !== null);

test('any one character altered, anywhere in the token, is refused online and on the phone', () => {
  fc.assert(fc.property(altered, (token) => expect(online(token).ok).toBe(false)));
  fc.assert(
    fc.property(altered, (token) => expect(onPhone(token).ok).toBe(false)),
    PHONE_RUNS,
  );
});

test('a forged signature, another key pair or another environment is refused', () => {
  const refusedEverywhere = (token: string, key = KEY, envId = ENV) => {
    expect(online(token, AT, key, envId)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(onPhone(token, AT, key, envId)).toEqual({ ok: false, reason: 'bad_signature' });
  };
  fc.assert(
    fc.property(subject, fc.uint8Array({ minLength: 64, maxLength: 64 }), (s, forged) => {
      const token = issue(s);
      refusedEverywhere(`${token.slice(0, token.lastIndexOf('.'))}.${toBase64Url(forged)}`);
      refusedEverywhere(token, OTHER);
      refusedEverywhere(token, KEY, 'test-other-env');
      refusedEverywhere(issue(s, AT, OTHER));
    }),
    { numRuns: 5 }, // four checks on the phone each
  );
});

test('a token lives 2 minutes (5 s of clock skew either way), never longer', () => {
  fc.assert(
    fc.property(subject, fc.integer({ min: -600, max: 600 }), (s, secondsLater) => {
      const result = online(issue(s), new Date(AT.getTime() + secondsLater * 1000));
      const expires = Math.floor(AT.getTime() / 1000) + SIGNED_TTL_SECONDS;
      const at = Math.floor(AT.getTime() / 1000) + secondsLater;
      if (at >= expires + 5) expect(result).toEqual({ ok: false, reason: 'expired' });
      else if (expires - at > SIGNED_TTL_SECONDS + 5) expect(result).toEqual({ ok: false, reason: 'not_yet_valid' });
      else expect(result.ok).toBe(true);
    }),
  );
});

test('what is not a token is malformed, never an exception', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.anything()), (junk) => {
      expect(online(junk as string).ok).toBe(false);
      expect(onPhone(junk as string).ok).toBe(false);
    }),
  );
  expect(onPhone('P1.r.h.e.123.sig')).toEqual({ ok: false, reason: 'malformed' });
});
