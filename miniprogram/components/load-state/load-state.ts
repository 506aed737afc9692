/**
 * The block every data page opens with: 正在加载…, the refusal with 重试, or 暂无… when there is
 * nothing; otherwise the page's own content (the slot). Used with the pageLife behaviour:
 * `<load-state loading="{{loading}}" error="{{error}}" empty="{{!items.length}}" empty-text="暂无…" bind:retry="retry">`.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    loading: { type: Boolean, value: false },
    error: { type: String, value: '' },
    empty: { type: Boolean, value: false },
    emptyText: { type: String, value: '暂无数据' },
  },
  methods: {
    retry() {
      this.triggerEvent('retry');
    },
  },
});
