/**
 * The pass key (PASS_TOKEN_SECRET) that signs and checks phone passes and printed 爱心码. A missing
 * or short key is a deployment fault: the caller is refused in its own words (never a weak pass,
 * never an open gate), and the log says which variable to set.
 */
import crypto from 'node:crypto';
import { isUsableSecret } from '../core/pass-token';
import { SigningKey, signingKeyFromSeed } from '../core/signed-pass';
import { AppError } from './errors';

export function passKey(refusal: string): string {
  const secret = process.env.PASS_TOKEN_SECRET;
  if (isUsableSecret(secret)) return secret;
  console.error('[pass] PASS_TOKEN_SECRET is missing or shorter than 32 characters: passes and cards are refused');
  throw new AppError('FAILED_PRECONDITION', refusal);
}

export interface PassKeys {
  /** Signs and checks the HMAC tokens (P1, issued before Ed25519) and the printed 爱心码. */
  secret: string;
  /** Signs the phone passes (P2); its public half lets a guard's phone check them offline. */
  signing: SigningKey;
  /** The CloudBase environment the passes belong to: a token of another deployment fails. */
  envId: string;
}

const derived = new Map<string, SigningKey>();

/**
 * The pass keys, all from PASS_TOKEN_SECRET: the Ed25519 seed is derived from it (HKDF-SHA256),
 * so a deployment keeps one secret and a new variable is never missing. The environment id is
 * the function's own (TCB_ENV, or SCF_NAMESPACE, which CloudBase names after the env).
 */
export function passKeys(refusal: string): PassKeys {
  const secret = passKey(refusal);
  const envId = process.env.TCB_ENV || process.env.SCF_NAMESPACE;
  if (!envId) {
    console.error('[pass] neither TCB_ENV nor SCF_NAMESPACE is set: passes are refused');
    throw new AppError('FAILED_PRECONDITION', refusal);
  }
  return { secret, signing: signingKeyOf(secret), envId };
}

/** The Ed25519 key pair of a pass secret (HKDF-SHA256 of it), made once per instance. */
export function signingKeyOf(secret: string): SigningKey {
  let signing = derived.get(secret);
  if (!signing) {
    const seed = new Uint8Array(crypto.hkdfSync('sha256', secret, 'community-epidemic-pass', 'ed25519-pass-v1', 32));
    signing = signingKeyFromSeed(seed);
    derived.set(secret, signing);
  }
  return signing;
}
