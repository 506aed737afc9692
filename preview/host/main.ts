/**
 * The preview host's shell: a phone-sized frame with the navigation bar (and a tab bar when
 * app.json has one), the identity switch among the demo estate's people, and the share button.
 * `?as=<openid>&page=/pages/pass/pass` opens a page as someone of the demo estate directly.
 */
import { appJson, loadApp } from 'preview:pages';
import { registerBuiltins } from './builtins';
import { PageStack, bridgeTaps } from './runtime';
import * as ui from './ui';
import { createWx } from './wx';

interface Identity {
  openid: string;
  label: string;
  role: string;
}

const params = new URLSearchParams(location.search);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let identities: Identity[] = [];
let openid = params.get('as') ?? localStorage.getItem('preview:as') ?? '';

const labelOf = (id: string) => identities.find((i) => i.openid === id)?.label ?? id;
const home = `/${appJson.pages[0]}`;

const stack = new PageStack($('phone-screen'), (top) => {
  $('nav-title').textContent = stack.title(top);
  $('nav-back').hidden = stack.stack.length <= 1;
  $('page-path').textContent = top
    ? `/${top.route}${Object.keys(top.query).length ? `?${new URLSearchParams(top.query)}` : ''}`
    : '';
  $('share').hidden = typeof top?.root.instance.onShareAppMessage !== 'function';
  document
    .querySelectorAll('.tab')
    .forEach((t) => t.classList.toggle('active', (t as HTMLElement).dataset.path === top?.route));
});

const globals = globalThis as Record<string, unknown>;
globals.wx = createWx({
  openid: () => openid,
  identityLabel: () => labelOf(openid),
  nav: stack,
});
globals.getApp = () => ({ globalData: {} });
globals.getCurrentPages = () =>
  stack.stack.map((p) => Object.assign(p.root.instance, { route: p.route, options: p.query }));
globals.App = (app: { onLaunch?: () => void }) => app.onLaunch?.();
globals.Page = () => {
  throw new Error('pages are written with Component()');
};

function renderTabBar() {
  const bar = $('tab-bar');
  const tabs = appJson.tabBar?.list ?? [];
  bar.hidden = tabs.length === 0;
  bar.replaceChildren(
    ...tabs.map((tab) => {
      const el = document.createElement('button');
      el.className = 'tab';
      el.dataset.path = tab.pagePath;
      el.textContent = tab.text;
      el.addEventListener('click', () => stack.switchTab(`/${tab.pagePath}`));
      return el;
    }),
  );
}

async function loadIdentities() {
  identities = (await (await fetch('/preview/identities')).json()) as Identity[];
  const select = $<HTMLSelectElement>('identity');
  select.replaceChildren(
    ...identities.map((i) => {
      const option = document.createElement('option');
      option.value = i.openid;
      option.textContent = i.label;
      return option;
    }),
  );
  if (!identities.some((i) => i.openid === openid)) {
    const asked = params.get('as');
    openid = identities[0]?.openid ?? 'preview-guest';
    if (asked) unknownIdentity(asked);
  }
  select.value = openid;
  select.addEventListener('change', () => switchTo(select.value));
}

/**
 * A `?as=` naming none of the demo logins is most likely a mistyped link: say whom the preview
 * used instead, and offer the OPENID as it was written (a WeChat user new to the estate).
 */
function unknownIdentity(asked: string) {
  const notice = $('notice');
  const action = (text: string, onClick: () => void) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', () => {
      notice.hidden = true;
      onClick();
    });
    return b;
  };
  notice.replaceChildren(
    `未知的演示身份：${asked}，已改用「${labelOf(openid)}」。可在「当前身份」中选择演示身份。`,
    action(`仍以 ${asked} 打开（新用户）`, () => {
      $<HTMLInputElement>('custom-openid').value = asked;
      switchTo(asked, params.get('page') ?? home);
    }),
    action('知道了', () => undefined),
  );
  notice.hidden = false;
}

function switchTo(next: string, startAt = home) {
  openid = next;
  localStorage.setItem('preview:as', openid);
  $<HTMLSelectElement>('identity').value = openid;
  if (identities.some((i) => i.openid === openid)) $<HTMLInputElement>('custom-openid').value = '';
  stack.reLaunch(startAt);
}

/** What the page would share into a group chat, and opening it as whoever taps the card there. */
async function share() {
  const top = stack.top;
  const card = top?.root.instance.onShareAppMessage?.();
  if (!top || !card) return;
  const path = card.path ?? `/${top.route}`;
  const who = await ui.sheet(`分享到微信群：「${card.title ?? '社区防疫通'}」（打开 ${path}）`, [
    { label: '以当前身份打开', value: openid },
    ...identities.filter((i) => i.openid !== openid).map((i) => ({ label: `以「${i.label}」打开`, value: i.openid })),
  ]);
  if (who === null) return;
  if (who === openid) stack.navigateTo(path);
  else switchTo(who, path);
}

async function boot() {
  registerBuiltins(stack);
  bridgeTaps($('phone-screen'));
  renderTabBar();
  $('nav-back').addEventListener('click', () => stack.navigateBack(1));
  $('home').addEventListener('click', () => stack.reLaunch(home));
  $('share').addEventListener('click', () => void share());
  $('custom-identity').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = $<HTMLInputElement>('custom-openid').value.trim();
    if (value) switchTo(value);
  });
  await loadIdentities();
  loadApp();
  stack.reLaunch(params.get('page') ?? home);
  document.body.dataset.ready = 'true';
}

boot().catch((err) => {
  console.error(err);
  document.body.dataset.error = String(err);
  $('phone-screen').textContent = `预览启动失败：${String(err)}`;
});
