import crypto from 'node:crypto';

/**
 * A document id derived from who asked and their request id: a retried request maps to the
 * same document, so the database's duplicate-id check makes the write happen once.
 */
export function idFor(prefix: string, openid: string, requestId: string): string {
  return `${prefix}-${crypto.createHash('sha256').update(`${openid}\u0000${requestId}`).digest('hex').slice(0, 20)}`;
}
