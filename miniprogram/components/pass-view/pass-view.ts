/**
 * Draws a pass (see behaviors/live-pass): the colour band with the masked name and address, the QR
 * code, the reasons, and the household members one may switch to. Draws only; the page fetches.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    pass: { type: Object, value: {} },
    members: { type: Array, value: [] },
    current: { type: String, value: '' },
    /** 关怀模式: the page's `.care` does not reach inside a component, so it is passed in. */
    care: { type: Boolean, value: false },
  },
  methods: {
    choose(e: WechatMiniprogram.TouchEvent) {
      this.triggerEvent('choose', { residentId: String(e.currentTarget.dataset.id ?? '') });
    },
  },
});
