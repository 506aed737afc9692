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
