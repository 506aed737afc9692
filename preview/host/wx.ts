/**
 * The `wx` the pages call, in a browser: cloud functions go to the local cloud's gateway as the
 * chosen identity; navigation moves the host's page stack; toasts and modals are drawn; storage
 * is kept per identity; the camera is a picker of passes other identities are showing now.
 */
import * as ui from './ui';

export interface Navigator {
  navigateTo(url: string): void;
  redirectTo(url: string): void;
  navigateBack(delta: number): void;
  switchTab(url: string): void;
  reLaunch(url: string): void;
}

export interface HostState {
  openid: () => string;
  identityLabel: () => string;
  nav: Navigator;
}

/** Passes seen on screen, by identity: what `wx.scanCode` offers (a token lives 2 minutes). */
const PASSES_KEY = 'preview:passes';
interface ShownPass {
  openid: string;
  label: string;
  colour: string;
  maskedName: string;
  token: string;
  at: number;
  /** A printed 爱心码 on the table: the guard who printed it may scan it too. */
  card?: boolean;
}

function shownPasses(): ShownPass[] {
  const fresh = Date.now() - 120_000;
  return (JSON.parse(localStorage.getItem(PASSES_KEY) ?? '[]') as ShownPass[]).filter((p) => p.card || p.at > fresh); // a printed card lasts its days, not 2 minutes
}

function rememberPass(pass: ShownPass) {
  const others = shownPasses().filter((p) => p.openid !== pass.openid || p.maskedName !== pass.maskedName);
  localStorage.setItem(PASSES_KEY, JSON.stringify([pass, ...others].slice(0, 20)));
}

/** Verdict sounds played, by file, newest last (window.__sounds). */
const playedSounds: string[] = ((globalThis as unknown as { __sounds?: string[] }).__sounds ??= []);
/** Pictures saved to the "album", newest last (read by the browser tests as window.__savedImages). */
const savedImages: string[] = ((globalThis as unknown as { __savedImages?: string[] }).__savedImages ??= []);

type Callbacks<T> = { success?: (r: T) => void; fail?: (e: unknown) => void; complete?: () => void };

/** WeChat APIs answer both ways: callbacks and, without them, a promise. */
function both<T>(options: Callbacks<T> | undefined, work: () => Promise<T>): Promise<T> {
  const p = work();
  p.then(
    (r) => options?.success?.(r),
    (e) => options?.fail?.(e),
  ).finally(() => options?.complete?.());
  return p;
}

const COLOUR_TEXT: Record<string, string> = { green: '绿码', yellow: '黄码', red: '红码', card: '爱心码' };

export function createWx(host: HostState) {
  const storageKey = (key: string) => `preview:${host.openid()}:${key}`;
  const cloud = {
    init: () => undefined,
    async callFunction({ name, data }: { name: string; data: Record<string, unknown> }) {
      const res = await fetch(`/functions/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': host.openid() },
        body: JSON.stringify(data),
      });
      if (!res.ok && res.status >= 500 && res.headers.get('content-type')?.includes('json') !== true)
        throw Object.assign(new Error(`cloud.callFunction:fail ${res.status}`), { errCode: -1 });
      const result = (await res.json()) as { code: unknown; data: Record<string, unknown> | null };
      if (name === 'residents' && data.action === 'pass' && result.code === 0 && result.data)
        rememberPass({
          openid: host.openid(),
          label: host.identityLabel(),
          colour: String((result.data.status as { colour?: string } | undefined)?.colour ?? ''),
          maskedName: String(result.data.maskedName ?? ''),
          token: String(result.data.token),
          at: Date.now(),
        });
      // A printed card lies on the table until scanned: offered to the camera like a shown pass.
      const card = result.data as { token?: string | null; maskedName?: string } | null;
      if (name === 'grid' && data.action === 'card' && result.code === 0 && card?.token)
        rememberPass({
          openid: host.openid(),
          label: '纸质爱心码',
          colour: 'card',
          maskedName: String(card.maskedName ?? ''),
          token: card.token,
          at: Date.now(),
          card: true,
        });
      return { result, errMsg: 'cloud.callFunction:ok' };
    },
    async uploadFile({ cloudPath, filePath }: { cloudPath: string; filePath: string }) {
      const blob = await (await fetch(filePath)).blob();
      const res = await fetch(`/_localcloud/storage/${cloudPath.split('/').map(encodeURIComponent).join('/')}`, {
        method: 'PUT',
        body: blob,
      });
      if (!res.ok) throw new Error(`uploadFile:fail ${res.status}`);
      return { fileID: `cloud://local-dev.preview/${cloudPath}`, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
    },
  };

  return {
    cloud,
    navigateTo: (o: { url: string } & Callbacks<unknown>) => both(o, async () => host.nav.navigateTo(o.url)),
    redirectTo: (o: { url: string } & Callbacks<unknown>) => both(o, async () => host.nav.redirectTo(o.url)),
    navigateBack: (o: { delta?: number } & Callbacks<unknown> = {}) =>
      both(o, async () => host.nav.navigateBack(o.delta ?? 1)),
    switchTab: (o: { url: string } & Callbacks<unknown>) => both(o, async () => host.nav.switchTab(o.url)),
    reLaunch: (o: { url: string } & Callbacks<unknown>) => both(o, async () => host.nav.reLaunch(o.url)),
    showToast: (o: { title: string; icon?: 'success' | 'error' | 'loading' | 'none'; duration?: number }) =>
      both(o as Callbacks<unknown>, async () => ui.toast(o.title, o.icon, o.duration)),
    hideToast: () => ui.hideToast(),
    showLoading: (o: { title: string }) => both(o as Callbacks<unknown>, async () => ui.loading(o.title)),
    hideLoading: () => ui.hideLoading(),
    showModal: (o: ui.ModalOptions & Callbacks<{ confirm: boolean; cancel: boolean; content?: string }>) =>
      both(o, () => ui.modal(o)),
    /** A browser canvas: its 2D context has every call WeChat's offscreen 2D canvas has. */
    createOffscreenCanvas: (o: { width: number; height: number }) =>
      Object.assign(document.createElement('canvas'), { width: o.width, height: o.height }),
    canvasToTempFilePath: (o: { canvas: HTMLCanvasElement } & Callbacks<{ tempFilePath: string }>) =>
      both(o, async () => ({ tempFilePath: o.canvas.toDataURL('image/png'), errMsg: 'canvasToTempFilePath:ok' })),
    /** The album is the browser's downloads: the picture is saved as a file (and kept for the tests). */
    saveImageToPhotosAlbum: (o: { filePath: string } & Callbacks<unknown>) =>
      both(o, async () => {
        savedImages.push(o.filePath);
        const link = Object.assign(document.createElement('a'), { href: o.filePath, download: '爱心码.png' });
        link.click();
        return { errMsg: 'saveImageToPhotosAlbum:ok' };
      }),
    showShareMenu: () => undefined,
    hideShareMenu: () => undefined,
    getStorageSync: (key: string) => {
      const raw = localStorage.getItem(storageKey(key));
      return raw === null ? '' : JSON.parse(raw);
    },
    setStorageSync: (key: string, value: unknown) => localStorage.setItem(storageKey(key), JSON.stringify(value)),
    removeStorageSync: (key: string) => localStorage.removeItem(storageKey(key)),
    /** The guard's camera: passes other identities are showing now, or a pasted token. */
    scanCode: (o: Callbacks<{ result: string; scanType: string }> = {}) =>
      both(o, async () => {
        const choices = shownPasses()
          .filter((p) => p.card || p.openid !== host.openid())
          .map((p) => ({
            label: `${COLOUR_TEXT[p.colour] ?? p.colour} · ${p.maskedName}`,
            hint: p.card ? '已打印的纸质爱心码' : `${p.label}，${Math.round((Date.now() - p.at) / 1000)} 秒前出示`,
            value: p.token,
          }));
        const token = await ui.sheet(
          '扫描通行码（选择其他身份正在出示的通行码，或已打印的爱心码）',
          choices,
          (close) => {
            const form = document.createElement('form');
            form.className = 'wx-sheet-paste';
            form.innerHTML = '<input name="token" placeholder="或粘贴通行码内容"><button type="submit">识别</button>';
            form.addEventListener('submit', (e) => {
              e.preventDefault();
              close((form.elements.namedItem('token') as HTMLInputElement).value.trim() || null);
            });
            return form;
          },
        );
        if (!token) throw Object.assign(new Error('scanCode:fail cancel'), { errMsg: 'scanCode:fail cancel' });
        return { result: token, scanType: 'QR_CODE', errMsg: 'scanCode:ok' };
      }),
    requestSubscribeMessage: (o: { tmplIds: string[] } & Callbacks<Record<string, string>>) =>
      both(o, async () => {
        const { confirm } = await ui.modal({
          title: '订阅消息',
          content: '允许发送一次打卡提醒？',
          confirmText: '允许',
        });
        return Object.fromEntries(o.tmplIds.map((id) => [id, confirm ? 'accept' : 'reject']));
      }),
    chooseMedia: (o: Callbacks<{ tempFiles: { tempFilePath: string; size: number }[] }> = {}) =>
      both(
        o,
        () =>
          new Promise((resolve, reject) => {
            const input = document.createElement('input');
            input.type = 'file';
            input.accept = 'image/*';
            input.addEventListener('change', () => {
              const file = input.files?.[0];
              if (!file) reject(new Error('chooseMedia:fail cancel'));
              else resolve({ tempFiles: [{ tempFilePath: URL.createObjectURL(file), size: file.size }] });
            });
            input.click();
          }),
      ),
    setClipboardData: (o: { data: string } & Callbacks<unknown>) =>
      both(o, async () => {
        await navigator.clipboard?.writeText(o.data).catch(() => undefined);
        ui.toast('内容已复制');
      }),
    makePhoneCall: (o: { phoneNumber: string } & Callbacks<unknown>) =>
      both(o, async () => {
        await ui.modal({ title: '拨打电话', content: o.phoneNumber, showCancel: false, confirmText: '知道了' });
      }),
    vibrateLong: () =>
      document
        .getElementById('phone')
        ?.animate([{ transform: 'translateX(-3px)' }, { transform: 'translateX(3px)' }, { transform: 'none' }], {
          duration: 120,
          iterations: 3,
        }),
    vibrateShort: () => undefined,
    // The verdict sounds are not bundled into the preview: each play is recorded (window.__sounds) for the tests.
    setInnerAudioOption: () => Promise.resolve(),
    createInnerAudioContext: () => {
      const player = { src: '', stop: () => undefined, play: () => void playedSounds.push(player.src) };
      return player;
    },
    getSystemInfoSync: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, platform: 'devtools' }),
  };
}
