/** `clues` (隐患与线索): residents report at a place of their enclosure; its grid worker takes, handles and answers. */
import { defineFunction } from '../../../server/action';
import { assign, handle, queue } from './desk';
import { mine, report } from './report';

export const main = defineFunction('clues', { report, mine, queue, assign, handle });
