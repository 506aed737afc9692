import type { ReasonView } from '../../typings';
import { formatMoment } from '../shared/china-time';

export { COLOUR_LABELS } from '../shared/colours';

/** "2月25日 00:00" in China Standard Time, whatever the phone's zone; '' for none. */
export const formatUntil = (iso: string | null): string => (iso ? formatMoment(iso) : '');

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

/** How long a check-in is overdue, as a grid worker reads it: 不足 1 小时, 5 小时, 11 天 16 小时. */
export function overdueText(hours: number): string {
  if (hours < 1) return '不足 1 小时';
  if (hours < 24) return `${hours} 小时`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} 天 ${hours % 24} 小时` : `${days} 天`;
}
