/** Rendering one page for a test, the way the mini-program opens it. */
import path from 'node:path';
import simulate, { type ComponentJSON } from 'miniprogram-simulate';

export type Rendered = ReturnType<typeof simulate.render>;

export function loadPage(page: string): string {
  return simulate.load(path.resolve(__dirname, '../../miniprogram/pages', page));
}

export async function openPage(id: string, options: Record<string, string> = {}): Promise<Rendered> {
  const rendered = simulate.render(id);
  rendered.attach(document.createElement('parent-wrapper'));
  (rendered.instance as unknown as { onLoad: (o: Record<string, string>) => void }).onLoad(options);
  await simulate.sleep(10);
  return rendered;
}

export const textOf = (page: Rendered, selector: string) => page.querySelector(selector)?.dom?.textContent?.trim();
export const textsOf = (page: Rendered, selector: string) =>
  page.querySelectorAll(selector).map((n) => n.dom!.textContent!.trim());

/**
 * Whether the node is drawn. Content inside load-state stays in the page's tree while the block
 * shows 正在加载… or a refusal instead, so finding a node does not mean the user sees it.
 */
export const onScreen = (page: Rendered, selector: string): boolean => {
  const node = page.querySelector(selector)?.dom;
  return !!node && page.dom!.contains(node);
};

export async function tap(page: Rendered, selector: string): Promise<void> {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`nothing to tap at ${selector}`);
  node.dispatchEvent('tap');
  await simulate.sleep(10);
}

/** Whether the node carries the class (miniprogram-simulate prefixes classes by component: `main--care`). */
export function hasClass(page: Rendered, selector: string, cls: string): boolean {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`nothing at ${selector}`);
  return node.dom!.className.split(/\s+/).some((c) => c === cls || c.endsWith(`--${cls}`));
}

/** Opens the page with 关怀模式 switched on at 首页 (kept on the phone), and answers whether it shows in large text. */
export async function opensInCareMode(id: string, rootSelector: string): Promise<boolean> {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const original = wx.getStorageSync;
  wx.getStorageSync = (key: string) => (key === 'careMode' ? 'on' : '');
  try {
    jest.spyOn(console, 'error').mockImplementation(() => undefined); // its load needs no reply for this
    return hasClass(await openPage(id), rootSelector, 'care');
  } finally {
    wx.getStorageSync = original;
  }
}

/**
 * The inputs and textareas of a form (by their own class), each with the label drawn nearest before
 * it, and those a staff user could not name once typing hides the placeholder: no label, or a
 * placeholder that repeats the label instead of giving an example.
 */
export function formFields(page: Rendered, form?: string) {
  const labels: [string, string | undefined][] = [];
  const namedByPlaceholder: string[] = [];
  let label: string | undefined;
  const text = (n: ComponentJSON | string): string => (typeof n === 'string' ? n : n.children.map(text).join(''));
  const walk = (n: ComponentJSON | string) => {
    if (typeof n === 'string') return;
    const attr = (name: string) => n.attrs.find((a) => a.name === name)?.value as string | undefined;
    const classes = (attr('class') ?? '').split(/\s+/);
    if (classes.includes('label')) label = text(n).trim();
    else if (n.tagName !== 'wx-input' && n.tagName !== 'wx-textarea') n.children.forEach(walk);
    else {
      const field = classes.filter((c) => c !== 'input' && c !== 'number').join(' ');
      labels.push([field, label]);
      // 名称 / 单位 names two columns; （选填） and units in brackets are not the name.
      const names = (label ?? '')
        .replace(/（[^）]*）/g, '')
        .split('/')
        .map((s) => s.trim())
        .filter(Boolean);
      if (!names.length || names.some((name) => attr('placeholder')?.includes(name))) namedByPlaceholder.push(field);
    }
  };
  walk((form ? page.querySelector(form)! : page).toJSON());
  return { labels, namedByPlaceholder };
}
