/**
 * The search box of the staff lists (隔离名单, 待核实住户, 爱心码): `<input bindinput="onSearch"
 * value="{{query}}">`. Each keystroke keeps `query` and calls the page's `narrow()`, which puts
 * `searched(list)` of its own lists in place (every word typed, in the masked name or address).
 */
import { matchesSearch } from '../utils/search';

export const searchBox = Behavior({
  data: { query: '' },
  methods: {
    onSearch(e: WechatMiniprogram.Input) {
      this.setData({ query: e.detail.value });
      this.narrow();
    },
    searched<T extends { maskedName: string; address: string }>(list: T[]): T[] {
      return list.filter((p) => matchesSearch(this.data.query, p.maskedName, p.address));
    },
    /** Written by each page; this default narrows nothing. */
    narrow(): void {},
  },
});
