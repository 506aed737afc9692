/** 爱心码 (the grid worker's list) and one card to print, rendered with miniprogram-simulate. */
import simulate from 'miniprogram-simulate';
import type { CardHolder } from '../../typings';
import { cloudCalls, failNetwork, ok, replyWith, shownToasts } from './cloud-mock';
import { cardView } from './card-fixtures';
import { loadPage, openPage, tap, textsOf } from './render';

const cardsPage = loadPage('cards/cards');
const wxMock = (globalThis as unknown as { wx: Record<string, unknown> }).wx;

const elder: CardHolder = {
  residentId: 'r-elder',
  maskedName: '朱*',
  address: '1栋1单元101室',
  relation: 'elder',
  birthYear: 1938,
  card: null,
};
const child: CardHolder = {
  residentId: 'r-child',
  maskedName: '何*平',
  address: '3栋2单元402室',
  relation: 'child',
  birthYear: 2015,
  card: { cardId: 'caaaaaaaaaaaa', expiresAt: '2020-02-28T16:00:00.000Z' },
};

let opened: string[];
let modals: { title: string; content?: string; confirmText: string }[];
let answer: { confirm: boolean; content?: string };
beforeEach(() => {
  opened = [];
  modals = [];
  answer = { confirm: true };
  wxMock.navigateTo = ({ url }: { url: string }) => opened.push(url);
  wxMock.showModal = async (m: (typeof modals)[number]) => {
    modals.push(m);
    return { ...answer, cancel: !answer.confirm, errMsg: 'showModal:ok' };
  };
});

describe('the list', () => {
  beforeEach(() => replyWith('grid', 'cardHolders', ok([elder, child])));

  test('says who each person is and whether they have a card in force, and finds them by room', async () => {
    const page = await openPage(cardsPage);
    expect(textsOf(page, '.who')).toEqual(['朱*（老人，1938年生）', '何*平（子女，2015年生）']);
    expect(textsOf(page, '.card-state')).toEqual(['未制卡', '爱心码有效至 2月29日']);
    page.querySelector('.search-input')!.dispatchEvent('input', { detail: { value: '402' } });
    await simulate.sleep(0);
    expect(textsOf(page, '.who')).toEqual(['何*平（子女，2015年生）']);
  });

  test('制卡 is confirmed, issues once even if tapped again after a failure, and opens the card to print', async () => {
    failNetwork('grid', 'issueCard');
    const page = await openPage(cardsPage);
    await tap(page, '.issue');
    expect(modals[0]).toMatchObject({ title: '制发爱心码', confirmText: '制卡' });
    expect(modals[0].content).toContain('朱*（1栋1单元101室）');
    expect(shownToasts()).toHaveLength(1); // the network's failure, said at the tap
    expect(opened).toEqual([]);
    replyWith('grid', 'issueCard', ok(cardView()));
    await tap(page, '.issue');
    const issues = cloudCalls().filter((c) => c.data.action === 'issueCard');
    expect(issues.map((c) => c.data.residentId)).toEqual(['r-elder', 'r-elder']);
    expect(issues[1].data.requestId).toBe(issues[0].data.requestId);
    expect(opened).toEqual(['/pages/card/card?cardId=cbbbbbbbbbbbb']);
  });

  test('补办 says the old card stops working; 再想想 issues nothing', async () => {
    answer = { confirm: false };
    const page = await openPage(cardsPage);
    await tap(page, '.reissue');
    expect(modals[0]).toMatchObject({ title: '补办爱心码', confirmText: '补办' });
    expect(modals[0].content).toContain('原卡立即作废');
    expect(cloudCalls().some((c) => c.data.action === 'issueCard')).toBe(false);
  });

  test('作废 needs a reason, then revokes and refreshes the list', async () => {
    answer = { confirm: true, content: ' ' };
    const page = await openPage(cardsPage);
    await tap(page, '.revoke');
    expect(cloudCalls().some((c) => c.data.action === 'revokeCard')).toBe(false);
    expect(shownToasts().map((t) => t.title)).toEqual(['请填写作废原因（至少 2 个字）']);
    answer = { confirm: true, content: '家属报告遗失' };
    replyWith('grid', 'revokeCard', ok({ cardId: 'caaaaaaaaaaaa', state: 'revoked' as const }));
    replyWith('grid', 'cardHolders', ok([elder, { ...child, card: null }]));
    await tap(page, '.revoke');
    expect(cloudCalls().find((c) => c.data.action === 'revokeCard')!.data).toEqual({
      action: 'revokeCard',
      cardId: 'caaaaaaaaaaaa',
      reason: '家属报告遗失',
    });
    expect(textsOf(page, '.card-state')).toEqual(['未制卡', '未制卡']);
  });
});
