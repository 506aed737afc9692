import { CLOUD_ENV } from './config';

App({
  onLaunch() {
    if (!wx.cloud) {
      wx.showModal({ title: '提示', content: '请升级微信到最新版本后使用', showCancel: false });
      return;
    }
    wx.cloud.init({ ...(CLOUD_ENV ? { env: CLOUD_ENV } : {}), traceUser: true });
  },
});
