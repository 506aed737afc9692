/** 随访 rendered with miniprogram-simulate: the planned visits, each recorded with a note and an outcome. */
import simulate from 'miniprogram-simulate';
import type { FollowUp } from '../../typings';
import { cloudCalls, ok, replyWith } from './cloud-mock';
import { hasClass, loadPage, openPage, textsOf } from './render';

const id = loadPage('followups/followups');
const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const visit = (overrides: Partial<FollowUp> = {}): FollowUp => ({
  id: 'f1',
  residentId: 'r1',
  maskedName: '周*',
  address: '5栋1单元301室',
  dueOn: '2020-02-14',
  note: '送降压药',
  overdue: true,
  plannedByName: '网格员李',
  ...overrides,
});

let toasts: string[];
beforeEach(() => {
  toasts = [];
  wx.showToast = ({ title }: { title: string }) => toasts.push(title);
});

test('overdue visits say so; a result needs a note, then goes with the outcome picked and the list is read again', async () => {
  const done = new Set<string>();
  replyWith('health', 'visits', () =>
    ok([visit(), visit({ id: 'f2', dueOn: '2020-02-16', overdue: false, note: '' })].filter((v) => !done.has(v.id))),
  );
  replyWith('health', 'recordVisit', (data: Record<string, unknown>) => {
    done.add(String(data.followupId));
    return ok({ followupId: String(data.followupId), outcome: 'refused' as const, escalated: true });
  });
  const page = await openPage(id);
  expect(textsOf(page, '.due')).toEqual(['已逾期 · 2020-02-14 · 送降压药', '2020-02-16']);
  expect(hasClass(page, '.visit', 'overdue')).toBe(true);
  page.querySelector('.record')!.dispatchEvent('change', { detail: { value: 2 } });
  await simulate.sleep(10);
  expect(toasts).toEqual(['请先填写随访情况']);
  page.querySelector('.note')!.dispatchEvent('input', { detail: { value: '敲门不开，拒绝测温' } });
  await simulate.sleep(5);
  page.querySelector('.record')!.dispatchEvent('change', { detail: { value: 2 } });
  await simulate.sleep(10);
  const sent = cloudCalls().map((c) => c.data);
  expect(sent.filter((c) => c.action === 'recordVisit')).toEqual([
    { action: 'recordVisit', followupId: 'f1', outcome: 'refused', note: '敲门不开，拒绝测温' },
  ]);
  expect(textsOf(page, '.who')).toEqual(['周* · 5栋1单元301室']);
});

test('已转运 asks where to and records the transfer before the outcome; cancelled, nothing is sent', async () => {
  replyWith('health', 'visits', () => ok([visit()]));
  replyWith('health', 'transfer', () =>
    ok({ residentId: 'r1', status: { colour: 'red' as const, reasons: [], until: null, ruleVersion: 1 } }),
  );
  replyWith('health', 'recordVisit', () => ok({ followupId: 'f1', outcome: 'transferred' as const, escalated: true }));
  const answers = [
    { confirm: false, content: '' },
    { confirm: true, content: ' 区第一集中隔离点 ' },
  ];
  wx.showModal = async () => answers.shift();
  const page = await openPage(id);
  page.querySelector('.note')!.dispatchEvent('input', { detail: { value: '密接，已由120转运' } });
  await simulate.sleep(5);
  const pick = async () => {
    page.querySelector('.record')!.dispatchEvent('change', { detail: { value: 4 } });
    await simulate.sleep(10);
  };
  await pick();
  expect(cloudCalls().filter((c) => c.data.action !== 'visits')).toEqual([]);
  await pick();
  expect(
    cloudCalls()
      .map((c) => c.data)
      .filter((c) => c.action !== 'visits'),
  ).toEqual([
    { action: 'transfer', residentId: 'r1', place: '区第一集中隔离点' },
    { action: 'recordVisit', followupId: 'f1', outcome: 'transferred', note: '密接，已由120转运' },
  ]);
});
