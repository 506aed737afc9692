/**
 * The pass key (PASS_TOKEN_SECRET) that signs and checks phone passes and printed 爱心码. A missing
 * or short key is a deployment fault: the caller is refused in its own words (never a weak pass,
 * never an open gate), and the log says which variable to set.
 */
import { isUsableSecret } from '../core/pass-token';
import { AppError } from './errors';

export function passKey(refusal: string): string {
  const secret = process.env.PASS_TOKEN_SECRET;
  if (isUsableSecret(secret)) return secret;
  console.error('[pass] PASS_TOKEN_SECRET is missing or shorter than 32 characters: passes and cards are refused');
  throw new AppError('FAILED_PRECONDITION', refusal);
}
