/**
 * The Ed25519 pass token (issue 15, the gate offline), timed where each side runs: issuing and the
 * online check with Node's crypto (the functions), the offline check with tweetnacl (the guard's
 * phone; this machine is slower than a phone), and the token's length and QR size beside the
 * HMAC token's. Pure computation: no cloud involved.
 */
import { performance } from 'node:perf_hooks';
import { checkSignedTokenOnline, issueSignedToken, signingKeyFromSeed } from '../../core/signed-pass';
import { type SignedSubject, checkSignedToken } from '../../miniprogram/shared/signed-pass';
import { qrRows } from '../../miniprogram/utils/qr';
import type { Result } from './lib';

const ENV = 'bench-env-1a2b3c';

function timed(name: string, load: string, runs: number, work: (i: number) => void): Result {
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work(i);
    times.push(performance.now() - t);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const at = (p: number) => Number(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(3));
  return { name, requests: runs, load, perSecond: Math.round((runs / total) * 1000), p50Ms: at(50), p99Ms: at(99) };
}

/** Subjects from the HMAC tokens the bench already made (P1.resident.household.enclosure.exp.sig). */
export function signedPassBench(hmacTokens: string[]): Result[] {
  const subjects: SignedSubject[] = hmacTokens.map((t) => {
    const [, residentId, householdId, enclosureId] = t.split('.');
    return { residentId, householdId, enclosureId };
  });
  const key = signingKeyFromSeed(Uint8Array.from({ length: 32 }, (_, i) => i * 3));
  const at = new Date();
  const tokens: string[] = [];
  const results = [
    timed('Ed25519 pass token, issue (functions)', 'one at a time', 1000, (i) => {
      tokens.push(issueSignedToken(subjects[i % subjects.length], at, { key, envId: ENV }).token);
    }),
    timed('Ed25519 pass token, check online (functions)', 'one at a time', 1000, (i) => {
      if (!checkSignedTokenOnline(tokens[i], at, { publicKey: key.publicKey, envId: ENV }).ok) throw new Error('bad');
    }),
    timed("Ed25519 pass token, check offline (guard's phone, tweetnacl)", 'one at a time', 100, (i) => {
      if (!checkSignedToken(tokens[i], at, { publicKey: key.publicKey, envId: ENV }).ok) throw new Error('bad');
    }),
  ];
  const longest = (list: string[]) => list.reduce((a, b) => (b.length > a.length ? b : a));
  const signed = longest(tokens);
  const hmac = longest(hmacTokens);
  console.log(
    `QR content: Ed25519 pass ≤ ${signed.length} characters (${qrRows(signed).length} modules a side), ` +
      `HMAC pass ≤ ${hmac.length} (${qrRows(hmac).length} modules)`,
  );
  return results;
}
