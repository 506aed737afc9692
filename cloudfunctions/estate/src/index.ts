/**
 * `estate`: the street office's console for the estate itself (社区 → 围合区 → buildings, gates,
 * grids). The street admin works on all of it; a community admin on their own 社区.
 */
import { defineFunction } from '../../../server/action';
import { retire, save } from './save';
import { map, overview } from './overview';
import { enclosure, tree } from './views';
import { place, placement } from './placement';

export const main = defineFunction('estate', { tree, enclosure, save, retire, overview, map, placement, place });
