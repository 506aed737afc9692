/**
 * Money, the same on the phone and in the functions. Amounts are integer fen (分) everywhere;
 * yuan exist only as text, so a price never passes through floating point (0.1 + 0.2).
 *
 * `miniprogram/shared/` holds the pure code both sides need (no wx, no npm package): it lives
 * inside the mini-program because WeChat packages only files under `miniprogramRoot`, and the
 * functions bundle it with esbuild.
 */

/** "12.5" → 1250, "0.01" → 1; null for anything that is not an amount of yuan with at most 2 decimals. */
export function yuanToFen(text: string): number | null {
  const match = /^\s*(\d{1,6})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 1250 → "12.50". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** 1250 → "¥12.50". */
export const formatFen = (fen: number): string => (fen < 0 ? `-¥${fenToYuan(-fen)}` : `¥${fenToYuan(fen)}`);
