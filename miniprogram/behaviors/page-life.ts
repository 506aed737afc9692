/**
 * The life every data page shares, written once: 正在加载… until the first answer; the refusal's
 * message (with 重试) if the first load fails; a fresh load each time the page is shown again, so
 * coming back after registering or declaring shows what changed; and `refresh()` after an action.
 * A later refresh that fails keeps what is on screen and says so in a toast. A page whose JSON sets
 * `enablePullDownRefresh` (the staff lists) also refreshes on a pull down.
 *
 * The page writes one method, `load(query)`: call the cloud, put the data in place when the answer
 * is a success, and return the answer. Page lifecycles of a Component-built page are methods, so
 * `onLoad`/`onShow` here are the page's unless the page writes its own.
 */
import { showProblem } from '../utils/toast';

export type PageQuery = Record<string, string | undefined>;
/** The part of an answer the behaviour reads. */
export interface LoadAnswer {
  code: unknown;
  message: string;
}

// Per page instance, outside `data` because neither is rendered.
const queries = new WeakMap<object, PageQuery>();
const shownBefore = new WeakSet<object>();

export const pageLife = Behavior({
  data: { loading: true, error: '' },
  methods: {
    onLoad(query: PageQuery) {
      queries.set(this, query ?? {});
      void this.refresh();
    },
    onShow() {
      if (shownBefore.has(this)) void this.refresh();
      shownBefore.add(this);
    },
    async refresh(): Promise<void> {
      const res = await this.load(queries.get(this) ?? {});
      if (res.code === 0) this.setData({ loading: false, error: '' });
      else if (this.data.loading || this.data.error) this.setData({ loading: false, error: res.message });
      else showProblem(res.message);
    },
    /** Pull-down refresh: the spinner stays until the answer, then goes whatever it said. */
    async onPullDownRefresh() {
      await this.refresh();
      wx.stopPullDownRefresh();
    },
    /** Retry after a failed first load (the 重试 of the load-state block). */
    retry() {
      this.setData({ loading: true, error: '' });
      void this.refresh();
    },
    /** Written by each page; this default loads nothing. */
    load(_query: PageQuery): Promise<LoadAnswer> {
      return Promise.resolve({ code: 0, message: '' });
    },
  },
});
