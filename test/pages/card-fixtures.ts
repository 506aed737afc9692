/** A printed 爱心码 as `grid.issueCard` and `grid.card` answer it, for the 爱心码 page tests. */
import type { CardView } from '../../typings';

export const cardView = (over: Partial<CardView> = {}): CardView => ({
  cardId: 'cbbbbbbbbbbbb',
  maskedName: '朱*',
  address: '1栋1单元101室',
  issuedAt: '2020-02-15T02:00:00.000Z',
  expiresAt: '2020-02-29T02:00:00.000Z',
  state: 'active',
  token: 'C1.cbbbbbbbbbbbb.r-elder.h-1.enc-chunhua.1582941600.abcdefghijklmnopqrstuv',
  ...over,
});
