/**
 * 返回首页, shown only when the page is the first of its stack: opened from a share card in a
 * building chat (or a 小程序码), it has no page to go back to, and WeChat shows no back arrow.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  data: { alone: false },
  lifetimes: {
    attached() {
      this.setData({ alone: getCurrentPages().length <= 1 });
    },
  },
  methods: {
    goHome() {
      wx.reLaunch({ url: '/pages/home/home' });
    },
  },
});
