import type { Colour, ReasonView } from '../../typings';

export const COLOUR_LABELS: Record<Colour, string> = {
  green: '绿码 · 可通行',
  yellow: '黄码 · 待核实',
  red: '红码 · 隔离观察',
};

/** "2月25日 00:00" in China Standard Time, whatever the phone's zone. */
export function formatUntil(iso: string | null): string {
  if (!iso) return '';
  const cst = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${cst.getUTCMonth() + 1}月${cst.getUTCDate()}日 ${pad(cst.getUTCHours())}:${pad(cst.getUTCMinutes())}`;
}

export function reasonLines(reasons: ReasonView[]): { text: string; until: string }[] {
  return reasons.map((r) => ({
    text: r.text,
    until: r.until
      ? `至 ${formatUntil(r.until)}`
      : r.plannedEnd
        ? `预计至 ${formatUntil(r.plannedEnd)}（末次打卡正常即解除）`
        : r.colour === 'red'
          ? '待处理'
          : '',
  }));
}
