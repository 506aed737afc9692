/**
 * Staff invitations, stored by the hash of their code: whoever reads the database cannot accept
 * one. The code is derived from the issuer and their request id with the server's key, so a
 * resent invite answers the same code without the code ever being stored.
 */
import crypto from 'node:crypto';
import type { InvitedRole } from '../typings';

export interface InvitationDoc {
  role: InvitedRole;
  invitedName: string;
  enclosureId?: string;
  gridIds?: string[];
  gateIds?: string[];
  communityId?: string;
  /** What it is for, in words, fixed when issued (names may change later; this says what was meant). */
  scopeText: string;
  issuedBy: string;
  issuedByName: string;
  issuedAt: Date;
  expiresAt: Date;
  usedBy?: string;
  usedAt?: Date;
  revokedAt?: Date;
  revokedBy?: string;
}

/** Letters and digits that cannot be misread when typed from a screen (no 0/o, 1/l/i). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const CODE_LENGTH = 16;
export const CODE_PATTERN = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);

function key(): Buffer {
  const raw = process.env.PII_KEY;
  if (!raw || raw.length < 32) throw new Error('PII_KEY is not configured');
  return crypto.createHash('sha256').update(`invitations:${raw}`).digest();
}

/** 16 characters of 31 (about 79 bits): guessing one is hopeless, typing one is possible. */
export function invitationCode(issuer: string, requestId: string): string {
  const mac = crypto.createHmac('sha256', key()).update(`${issuer}\u0000${requestId}`).digest();
  return Array.from(mac.subarray(0, CODE_LENGTH), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/** The document id of the invitation a code opens. */
export function invitationId(code: string): string {
  return `inv-${crypto.createHmac('sha256', key()).update(code).digest('hex').slice(0, 32)}`;
}

export type InvitationStateAt = 'open' | 'used' | 'revoked' | 'expired';

export function stateOf(doc: InvitationDoc, at: Date): InvitationStateAt {
  if (doc.usedAt) return 'used';
  if (doc.revokedAt) return 'revoked';
  if (doc.expiresAt.getTime() <= at.getTime()) return 'expired';
  return 'open';
}

/** Why it cannot be accepted now, in Chinese, or null. */
export function refusalOf(state: InvitationStateAt): string | null {
  if (state === 'used') return '该邀请已被使用，请向管理员重新申请';
  if (state === 'revoked') return '该邀请已被撤销';
  if (state === 'expired') return '该邀请已过期，请向管理员重新申请';
  return null;
}
