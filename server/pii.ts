/**
 * Personal numbers at rest. An ID number is only ever matched (is this person already
 * registered?), so it is kept as a keyed hash plus its masked form. A phone number must be
 * dialled by the grid worker, so it is encrypted (AES-256-GCM) plus its masked form. The key
 * (PII_KEY) comes from the function's environment variables, never from the repository.
 */
import crypto from 'node:crypto';
import { maskIdNumber, maskPhone } from '../core/mask';

function key(): Buffer {
  const raw = process.env.PII_KEY;
  if (!raw || raw.length < 32) throw new Error('PII_KEY is not configured');
  return crypto.createHash('sha256').update(raw).digest();
}

export function hashIdNumber(idNumber: string): string {
  return crypto.createHmac('sha256', key()).update(`id:${idNumber.trim().toUpperCase()}`).digest('hex');
}

/** A phone number kept only for matching (a visitor shown at the gate), never for calling. */
export function hashPhone(phone: string): string {
  return crypto
    .createHmac('sha256', key())
    .update(`phone:${phone.replace(/\D/g, '')}`)
    .digest('hex');
}

export function encrypt(text: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
    ':',
  );
}

export function decrypt(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(':');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export function protectIdNumber(idNumber: string): { idHash: string; idMasked: string } {
  return { idHash: hashIdNumber(idNumber), idMasked: maskIdNumber(idNumber) };
}

export function protectPhone(phone: string): { phoneSealed: string; phoneMasked: string } {
  return { phoneSealed: encrypt(phone), phoneMasked: maskPhone(phone) };
}
