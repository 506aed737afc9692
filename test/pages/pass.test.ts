/** 通行码 rendered with miniprogram-simulate: colour, reasons, end date and a QR code that renews. */
import simulate from 'miniprogram-simulate';
import { checkToken } from '../../core/pass-token';
import { cloudCalls, failNetwork, replyWith } from './cloud-mock';
import { CHILD, HEAD, SECRET, me, passReply } from './pass-fixtures';
import { loadPage, onScreen, openPage, textOf, textsOf } from './render';

const id = loadPage('pass/pass');
/** The pass renewals (the page also asks residents.me once per load, for the household chips). */
const passCalls = () => cloudCalls().filter((c) => c.data.action === 'pass');
beforeEach(() => replyWith('residents', 'me', me([HEAD])));
test('a red pass shows its colour, the masked name and address, the reason and the end date', async () => {
  replyWith('residents', 'pass', passReply());
  const page = await openPage(id);
  expect(page.querySelector('.pass >>> .banner')!.dom!.className).toContain('red');
  expect(textOf(page, '.pass >>> .colour-label')).toBe('红码 · 隔离观察');
  expect(textOf(page, '.pass >>> .who')).toBe('李*华 · 春华苑 3栋2单元501室');
  expect(textOf(page, '.pass >>> .until')).toBe('隔离至 2月25日 00:00');
  expect(textsOf(page, '.pass >>> .reason-text')).toEqual(['2月10日离开重点地区湖北省武汉市，居家隔离14天']);
  expect(textOf(page, '.pass >>> .reason-until')).toBe('预计至 2月25日 00:00（末次打卡正常即解除）');
});

test('the QR code is drawn from the token, square, with dark and light modules', async () => {
  replyWith('residents', 'pass', passReply());
  const page = await openPage(id);
  const rows = page.querySelectorAll('.pass >>> .qr-row');
  expect(rows.length).toBeGreaterThanOrEqual(21);
  const cells = page.querySelectorAll('.pass >>> .qr-cell');
  expect(cells.length).toBe(rows.length * rows.length);
  const dark = page.querySelectorAll('.pass >>> .qr-cell.dark').length;
  expect(dark).toBeGreaterThan(cells.length / 4);
  expect(dark).toBeLessThan((cells.length * 3) / 4);
});

test("a member's pass is asked for by resident id, and the token is renewed before it expires", async () => {
  const tokens: string[] = [];
  replyWith('residents', 'pass', () => {
    const reply = passReply({}, 1_000);
    tokens.push(reply.data.token);
    return reply;
  });
  const page = await openPage(id, { residentId: 'res-00043' });
  expect(passCalls()[0]).toEqual({ name: 'residents', data: { action: 'pass', residentId: 'res-00043' } });
  await new Promise((r) => setTimeout(r, 1_200));
  expect(passCalls().length).toBe(2);
  expect(checkToken(tokens[1], new Date(), SECRET).ok).toBe(true);
  (page.instance as unknown as { onUnload: () => void }).onUnload();
});

test('an unregistered user is told why there is no pass', async () => {
  replyWith('residents', 'pass', { code: 'FAILED_PRECONDITION', data: null, message: '请先完成住户登记' });
  const page = await openPage(id);
  expect(textOf(page, '.state >>> .error-text')).toBe('请先完成住户登记');
  expect(onScreen(page, '.pass')).toBe(false);
});

test('shown again (back from 申诉, or the app reopened), the pass shows the colour as it is now', async () => {
  replyWith('residents', 'pass', passReply());
  const page = await openPage(id);
  const instance = page.instance as unknown as { onShow: () => void; onHide: () => void; onUnload: () => void };
  instance.onShow(); // the first show, right after onLoad
  expect(textOf(page, '.pass >>> .colour-label')).toBe('红码 · 隔离观察');
  instance.onHide();
  replyWith('residents', 'pass', passReply({ status: { colour: 'green', ruleVersion: 1, until: null, reasons: [] } }));
  instance.onShow();
  await simulate.sleep(10);
  expect(page.querySelector('.pass >>> .banner')!.dom!.className).toContain('green');
  expect(page.querySelector('.pass >>> .until')).toBeUndefined();
  instance.onUnload();
});

test('a renewal that fails keeps the code on screen, says why, and is tried again', async () => {
  jest.useFakeTimers({ advanceTimers: true });
  try {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const toasts: unknown[] = [];
    (globalThis as unknown as { wx: Record<string, unknown> }).wx.showToast = (o: unknown) => toasts.push(o);
    replyWith('residents', 'pass', passReply({}, 1_000));
    const page = await openPage(id);
    failNetwork('residents', 'pass');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(logged).toHaveBeenCalled();
    expect(toasts).toEqual([{ title: '网络异常，请检查网络后重试', icon: 'none' }]);
    expect(page.querySelectorAll('.pass >>> .qr-row').length).toBeGreaterThan(0);
    expect(page.querySelector('.state >>> .error-text')).toBeUndefined();
    replyWith('residents', 'pass', passReply());
    await jest.advanceTimersByTimeAsync(10_000);
    expect(passCalls()).toHaveLength(3);
    expect(toasts).toHaveLength(1);
    (page.instance as unknown as { onUnload: () => void }).onUnload();
  } finally {
    jest.useRealTimers();
  }
});

describe('the QR renews by the server’s clock, not the phone’s', () => {
  const SERVER_NOW = Date.parse('2020-02-15T08:00:00+08:00');
  test.each([
    ['2.4 hours fast', 2.4 * 3600_000],
    ['10 minutes slow', -10 * 60_000],
  ])('with the phone %s: one renewal 90 s later, none before, no loop', async (_label, skew) => {
    jest.useFakeTimers({ now: SERVER_NOW + skew, advanceTimers: true });
    try {
      replyWith('residents', 'pass', passReply({}, 90_000, SERVER_NOW));
      const page = await openPage(id);
      const before = passCalls().length;
      await jest.advanceTimersByTimeAsync(89_000);
      expect(passCalls().length - before).toBe(0); // no renewal a second (a fast phone's clock made one)
      replyWith('residents', 'pass', passReply({}, 90_000, SERVER_NOW + 90_000));
      await jest.advanceTimersByTimeAsync(2_000);
      expect(passCalls().length - before).toBe(1); // in time (a slow phone's clock waited past the expiry)
      await jest.advanceTimersByTimeAsync(10_000);
      expect(passCalls().length - before).toBe(1);
      (page.instance as unknown as { onUnload: () => void }).onUnload();
    } finally {
      jest.useRealTimers();
    }
  });
});

test('a green decided by a grid worker’s review says so on the pass, with its end', async () => {
  replyWith(
    'residents',
    'pass',
    passReply({
      status: {
        colour: 'green',
        ruleVersion: 1,
        until: null,
        reasons: [],
        overrideUntil: '2020-02-17T16:00:00.000Z',
      },
    }),
  );
  const page = await openPage(id);
  expect(textOf(page, '.pass >>> .colour-label')).toBe('绿码 · 可通行');
  expect(textOf(page, '.pass >>> .override')).toBe('网格员复核为绿码，至 2月18日 00:00，期满后按规则重新判定');
  (page.instance as unknown as { onUnload: () => void }).onUnload();
  replyWith('residents', 'pass', passReply({ status: { colour: 'green', ruleVersion: 1, until: null, reasons: [] } }));
  const plain = await openPage(id);
  expect(plain.querySelector('.pass >>> .override')).toBeUndefined();
  (plain.instance as unknown as { onUnload: () => void }).onUnload();
});

test('a head switches the pass to a child on the page; the chosen member stays when the page is shown again', async () => {
  replyWith('residents', 'me', me([HEAD, CHILD]));
  replyWith('residents', 'pass', (data) =>
    passReply({ residentId: String(data.residentId ?? 'res-00042'), maskedName: data.residentId ? '李*' : '李*华' }),
  );
  const page = await openPage(id);
  expect(textsOf(page, '.pass >>> .member-chip')).toEqual(['本人', '李*（子女）']);
  expect(textOf(page, '.pass >>> .member-chip.chosen')).toBe('本人');
  page.querySelectorAll('.pass >>> .member-chip')[1].dispatchEvent('tap');
  await simulate.sleep(20);
  expect(passCalls().at(-1)!.data).toEqual({ action: 'pass', residentId: 'res-00043' });
  expect(textOf(page, '.pass >>> .who')).toBe('李* · 春华苑 3栋2单元501室');
  expect(textOf(page, '.pass >>> .member-chip.chosen')).toBe('李*（子女）');
  const instance = page.instance as unknown as { onShow: () => void; onHide: () => void; onUnload: () => void };
  instance.onShow();
  instance.onHide();
  instance.onShow();
  await simulate.sleep(20);
  expect(passCalls().at(-1)!.data).toEqual({ action: 'pass', residentId: 'res-00043' });
  instance.onUnload();
});

test('a member’s pass that cannot be had leaves one’s own on screen, says why, and the chip goes back', async () => {
  const toasts: unknown[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.showToast = (o: unknown) => toasts.push(o);
  replyWith(
    'residents',
    'me',
    me([HEAD, { residentId: 'res-00043', maskedName: '李*', relation: 'elder', self: false }]),
  );
  replyWith('residents', 'pass', (data) =>
    data.residentId
      ? { code: 'PERMISSION_DENIED', data: null, message: '只能出示本户成员的通行码' }
      : passReply({ maskedName: '李*华' }),
  );
  const page = await openPage(id);
  page.querySelectorAll('.pass >>> .member-chip')[1].dispatchEvent('tap');
  await simulate.sleep(20);
  expect(toasts).toEqual([{ title: '只能出示本户成员的通行码', icon: 'none' }]);
  expect(textOf(page, '.pass >>> .who')).toBe('李*华 · 春华苑 3栋2单元501室');
  expect(textOf(page, '.pass >>> .member-chip.chosen')).toBe('本人');
  (page.instance as unknown as { onUnload: () => void }).onUnload();
});

test('alone in the household, there are no chips to choose from', async () => {
  replyWith('residents', 'pass', passReply());
  const page = await openPage(id);
  expect(page.querySelectorAll('.pass >>> .member-chip')).toHaveLength(0);
  (page.instance as unknown as { onUnload: () => void }).onUnload();
});
