/** The pass colours in Chinese, as residents, guards and exported sheets read them. */
import type { Colour } from '../../typings';

export const COLOUR_NAMES: Record<Colour, string> = { green: '绿码', yellow: '黄码', red: '红码' };

/** What each colour means for the person holding it. */
export const COLOUR_LABELS: Record<Colour, string> = {
  green: '绿码 · 可通行',
  yellow: '黄码 · 待核实',
  red: '红码 · 隔离观察',
};

export const colourName = (colour: string | null | undefined): string =>
  colour && Object.prototype.hasOwnProperty.call(COLOUR_NAMES, colour) ? COLOUR_NAMES[colour as Colour] : '';
