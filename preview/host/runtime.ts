/**
 * The page stack: each page of app.json is the mini-program's own Component (its WXML, TypeScript
 * and scoped WXSS), registered with j-component on first use and rendered into the phone frame,
 * with the custom components it uses and the Behaviors its module creates.
 * Navigation calls the same lifecycle methods WeChat would (onLoad with the query, onShow, onUnload).
 */
import jComponent from 'j-component';
import exparser from 'miniprogram-exparser';
import { appJson, components, pages, type Unit } from 'preview:pages';

// A page's module creates its Behaviors when it is first loaded, as in WeChat.
(globalThis as Record<string, unknown>).Behavior = (definition: Record<string, unknown>) =>
  jComponent.behavior(definition);

type PageInstance = Record<string, unknown> & {
  onLoad?: (q: Record<string, string>) => unknown;
  onShow?: () => unknown;
  onHide?: () => unknown;
  onUnload?: () => unknown;
  onShareAppMessage?: () => { title?: string; path?: string } | undefined;
};

interface Rendered {
  route: string;
  query: Record<string, string>;
  root: { attach(el: Element): void; detach(): void; instance: PageInstance };
  container: HTMLElement;
}

const registered = new Map<string, string>();

/**
 * Registers a page or custom component, its own components first: its module calls
 * Component(options) once, captured here.
 */
function register(key: string, unit: Unit, tagName: string): string {
  const known = registered.get(key);
  if (known) return known;
  const usingComponents: Record<string, string> = {};
  for (const [tag, target] of Object.entries(unit.json.usingComponents)) {
    const component = components[target];
    if (!component) throw new Error(`组件不存在：/${target}`);
    usingComponents[tag] = register(`component:${target}`, component, tag);
  }
  let options: Record<string, unknown> = {};
  (globalThis as Record<string, unknown>).Component = (o: Record<string, unknown>) => {
    options = o;
  };
  unit.load();
  const id = jComponent.register({
    ...options,
    id: key,
    tagName,
    template: unit.wxml,
    usingComponents,
    options: { ...((options.options as object) ?? {}), classPrefix: unit.prefix },
  });
  registered.set(key, id);
  return id;
}

function pageComponent(route: string): string {
  const page = pages[route];
  if (!page) throw new Error(`页面不存在：/${route}`);
  return register(`page:${route}`, page, page.prefix);
}

export function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [pathPart, search = ''] = url.split('?');
  const route = pathPart.replace(/^\//, '');
  // WeChat hands onLoad the query values as they were written (no form decoding of `+`).
  const query: Record<string, string> = {};
  for (const pair of search.split('&')) {
    const at = pair.indexOf('=');
    if (pair) query[at < 0 ? pair : pair.slice(0, at)] = at < 0 ? '' : pair.slice(at + 1);
  }
  return { route, query };
}

export class PageStack {
  readonly stack: Rendered[] = [];

  constructor(
    private readonly screen: HTMLElement,
    private readonly onChange: (top: Rendered | undefined) => void,
  ) {}

  get top(): Rendered | undefined {
    return this.stack[this.stack.length - 1];
  }

  private open(url: string): Rendered {
    const { route, query } = parseUrl(url);
    const root = jComponent.create(pageComponent(route)) as Rendered['root'];
    const container = document.createElement('div');
    container.className = `mp-page ${pages[route].prefix}`;
    container.dataset.route = route;
    this.screen.appendChild(container);
    root.attach(container);
    const rendered = { route, query, root, container };
    this.stack.push(rendered);
    void root.instance.onLoad?.(query);
    void root.instance.onShow?.();
    this.onChange(rendered);
    return rendered;
  }

  private close(page: Rendered) {
    void page.root.instance.onUnload?.();
    page.root.detach();
    page.container.remove();
  }

  navigateTo(url: string) {
    if (this.isTab(url)) throw new Error('navigateTo:fail can not navigateTo a tabbar page');
    if (this.stack.length >= 10) throw new Error('navigateTo:fail webview count limit exceed');
    const previous = this.top;
    if (previous) {
      void previous.root.instance.onHide?.();
      previous.container.hidden = true;
    }
    try {
      this.open(url);
    } catch (err) {
      // A page that cannot open (a missing component, say) must not leave a blank screen.
      console.error(`[preview] navigateTo ${url} failed`, err);
      if (previous) {
        previous.container.hidden = false;
        void previous.root.instance.onShow?.();
      }
      throw err;
    }
  }

  redirectTo(url: string) {
    const top = this.stack.pop();
    if (top) this.close(top);
    this.open(url);
  }

  navigateBack(delta = 1) {
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.close(this.stack.pop()!);
    const top = this.top!;
    top.container.hidden = false;
    void top.root.instance.onShow?.();
    this.onChange(top);
  }

  reLaunch(url: string) {
    while (this.stack.length) this.close(this.stack.pop()!);
    this.open(url);
  }

  switchTab(url: string) {
    this.reLaunch(url);
  }

  isTab(url: string): boolean {
    const { route } = parseUrl(url);
    return !!appJson.tabBar?.list.some((t) => t.pagePath === route);
  }

  title(page: Rendered | undefined): string {
    return (page && pages[page.route]?.json.navigationBarTitleText) || appJson.window?.navigationBarTitleText || '';
  }
}

/** A click on the screen is a `tap` for the exparser element under it (WeChat's touch → tap). */
export function bridgeTaps(screen: HTMLElement) {
  screen.addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    // A disabled or loading button takes no tap, as in WeChat.
    if (target.closest('wx-button[disabled], wx-button[loading]')) return;
    const activatable = target.closest('wx-picker, wx-navigator') as (HTMLElement & { __activate?: () => void }) | null;
    let node: (Node & { __wxElement?: unknown }) | null = target;
    while (node && !node.__wxElement) node = node.parentNode as typeof node;
    if (node?.__wxElement)
      exparser.Event.dispatchEvent(
        node.__wxElement,
        exparser.Event.create(
          'tap',
          { x: e.clientX, y: e.clientY },
          { originalEvent: e, bubbles: true, capturePhase: true, composed: true },
        ),
      );
    activatable?.__activate?.();
  });
}
