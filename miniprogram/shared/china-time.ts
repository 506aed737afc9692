/**
 * Times as the estate lives them: China Standard Time (UTC+8, no daylight saving), whatever the
 * phone's or the server's zone. Plain arithmetic, so the mini-program needs no date library.
 */
const CST_OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');
const cst = (at: Date | string) => new Date(new Date(at).getTime() + CST_OFFSET_MS);

/** "2月25日" */
export function formatDay(at: Date | string): string {
  const d = cst(at);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** "2月25日 08:30" */
export function formatMoment(at: Date | string): string {
  const d = cst(at);
  return `${formatDay(at)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "2020-02-10 08:30", for sheets and exports. */
export function formatStamp(at: Date | string): string {
  const d = cst(at);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The China day of `at` as "YYYY-MM-DD" (a lab's test day). */
export const cstDate = (at: Date | string): string => formatStamp(at).slice(0, 10);
