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
  },
  methods: {
    choose(e: WechatMiniprogram.TouchEvent) {
      this.triggerEvent('choose', { residentId: String(e.currentTarget.dataset.id ?? '') });
    },
  },
});
