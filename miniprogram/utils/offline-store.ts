/**
 * Where the guard's phone keeps the gate's offline snapshot: encrypted (tweetnacl's secretbox,
 * XSalsa20-Poly1305) with the key the cloud issued with it for this guard and day, in pieces under
 * the 1 MB WeChat allows a storage key. A snapshot whose key is gone, or that fails to decrypt,
 * is no snapshot, nor is one over 12 hours old (it is wiped). `wipeSnapshot` (the guard's 清除离线名单 at the end of a shift, or the cloud saying
 * they no longer guard the gate) removes both. The queue of scans to upload is kept apart and
 * in the clear — tokens and opaque ids, no names — so no wipe or new key loses a gate log.
 */
import nacl from 'tweetnacl';
import { PhoneSnapshot, QueuedScan, packSnapshot, unpackSnapshot } from '../shared/offline-lane';
import { SNAPSHOT_MAX_AGE_MS } from '../shared/offline-gate';
import { fromBase64Url, toBase64Url } from '../shared/signed-pass';

const META = 'offlineSnapshot';
const PIECE = (i: number) => `offlineSnapshot:${i}`;
const VAULT = 'offlineVault';
const QUEUE = 'offlineQueue';
/** Characters per storage key: well under WeChat's 1 MB per key. */
const PIECE_CHARS = 400_000;

let sequence = 0;
/** Unique per encryption under one key (time, a counter, noise): no random source is needed. */
function nonce(): Uint8Array {
  const n = new Uint8Array(nacl.secretbox.nonceLength);
  let t = Date.now();
  for (let i = 0; i < 8; i++, t = Math.floor(t / 256)) n[i] = t % 256;
  const s = sequence++;
  for (let i = 0; i < 4; i++) n[8 + i] = (s >>> (8 * i)) & 255;
  for (let i = 12; i < n.length; i++) n[i] = Math.floor(Math.random() * 256);
  return n;
}

export function saveSnapshot(snapshot: PhoneSnapshot, vaultKey: string): void {
  const key = fromBase64Url(vaultKey);
  if (!key || key.length !== nacl.secretbox.keyLength) throw new Error('the cloud sent no usable vault key');
  const n = nonce();
  const sealed = toBase64Url(nacl.secretbox(utf8(packSnapshot(snapshot)), n, key));
  const pieces = Math.ceil(sealed.length / PIECE_CHARS);
  const before = readMeta()?.pieces ?? 0;
  for (let i = 0; i < pieces; i++) wx.setStorageSync(PIECE(i), sealed.slice(i * PIECE_CHARS, (i + 1) * PIECE_CHARS));
  for (let i = pieces; i < before; i++) wx.removeStorageSync(PIECE(i));
  wx.setStorageSync(META, { nonce: toBase64Url(n), pieces });
  wx.setStorageSync(VAULT, vaultKey);
}

/** The snapshot kept, or null: none, its key wiped, or not what was encrypted. */
export function loadSnapshot(): PhoneSnapshot | null {
  const meta = readMeta();
  const key = fromBase64Url(String(wx.getStorageSync(VAULT) || ''));
  const n = meta && fromBase64Url(meta.nonce);
  if (!meta || !key || key.length !== nacl.secretbox.keyLength || !n) return null;
  let sealed = '';
  for (let i = 0; i < meta.pieces; i++) sealed += String(wx.getStorageSync(PIECE(i)) || '');
  const box = fromBase64Url(sealed);
  const opened = box && nacl.secretbox.open(box, n, key);
  if (!opened) return null;
  let snapshot: PhoneSnapshot;
  try {
    snapshot = unpackSnapshot(fromUtf8(opened));
  } catch {
    return null;
  }
  // Too old to let anyone through: not kept either (a lost phone keeps no roster for long).
  if (Date.now() - snapshot.takenAt > SNAPSHOT_MAX_AGE_MS) {
    wipeSnapshot();
    return null;
  }
  return snapshot;
}

export function wipeSnapshot(): void {
  const pieces = readMeta()?.pieces ?? 0;
  for (let i = 0; i < pieces; i++) wx.removeStorageSync(PIECE(i));
  wx.removeStorageSync(META);
  wx.removeStorageSync(VAULT);
}

export const loadQueue = (): QueuedScan[] => {
  const queue = wx.getStorageSync(QUEUE);
  return Array.isArray(queue) ? (queue as QueuedScan[]) : [];
};
export const saveQueue = (queue: QueuedScan[]): void => wx.setStorageSync(QUEUE, queue);

function readMeta(): { nonce: string; pieces: number } | null {
  const meta = wx.getStorageSync(META) as { nonce?: unknown; pieces?: unknown } | '';
  return meta && typeof meta.nonce === 'string' && typeof meta.pieces === 'number'
    ? { nonce: meta.nonce, pieces: meta.pieces }
    : null;
}

/** UTF-8 by hand: the mini-program's JS engines do not all have TextEncoder. */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

function fromUtf8(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const extra = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    let c = extra ? b & (0x3f >> extra) : b;
    for (let k = 1; k <= extra; k++) c = (c << 6) | (bytes[i + k] & 63);
    text += String.fromCodePoint(c);
    i += extra + 1;
  }
  return text;
}
