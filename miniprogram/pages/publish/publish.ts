/**
 * 发布通知 (street, 社区 admins, grid workers): write a notice to a scope one holds — the choices
 * come from the cloud — then open its read count, where it is shared into the building chat. Below,
 * my notices of the last 30 days with how many have read each. One request id per notice written,
 * so a double tap or a retry publishes it once.
 */
import type { NoticeKind, NoticeScope, NoticeSummary } from '../../../typings';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { formatMoment } from '../../shared/china-time';
import { NOTICE_KIND_NAMES } from '../../shared/notice-names';
import { fieldErrors, placedErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { uploadToCloud } from '../../services/storage';
import { showDone, showProblem } from '../../utils/toast';

const KINDS = Object.keys(NOTICE_KIND_NAMES) as NoticeKind[];
const SHOWN = ['targetId', 'kind', 'title', 'body', 'images'] as const;
const IMAGES_MAX = 4;
/** The cloud refuses a bigger one (server/photo.ts); said before the upload. */
const IMAGE_MAX_BYTES = 2 * 1024 * 1024;

Component({
  behaviors: [pageLife],
  data: {
    scopes: [] as NoticeScope[],
    scopeNames: [] as string[],
    scopeIndex: -1,
    kindNames: KINDS.map((k) => NOTICE_KIND_NAMES[k]),
    kindIndex: 0,
    title: '',
    body: '',
    urgent: false,
    /** The 明白纸's pictures, uploaded: shown from the phone, sent by fileID. */
    images: [] as { path: string; fileID: string }[],
    uploading: false,
    requestId: '',
    busy: false,
    errors: {} as Record<string, string>,
    sent: [] as (NoticeSummary & { reads: number; when: string })[],
  },
  methods: {
    async load() {
      if (!this.data.requestId) this.setData({ requestId: newRequestId() });
      const [scopes, sent] = await Promise.all([call('notices', 'scopes', {}), call('notices', 'sent', {})]);
      if (scopes.code !== 0) return scopes;
      this.setData({
        scopes: scopes.data,
        scopeNames: scopes.data.map((s) => s.name),
        scopeIndex: scopes.data.length === 1 ? 0 : this.data.scopeIndex,
        sent: sent.code === 0 ? sent.data.map((n) => ({ ...n, when: formatMoment(n.publishedAt) })) : [],
      });
      return sent.code === 0 ? scopes : sent;
    },
    onScope(e: WechatMiniprogram.PickerChange) {
      this.setData({ scopeIndex: Number(e.detail.value), 'errors.targetId': '' });
    },
    onKind(e: WechatMiniprogram.PickerChange) {
      this.setData({ kindIndex: Number(e.detail.value) });
    },
    onTitle(e: WechatMiniprogram.Input) {
      this.setData({ title: e.detail.value });
    },
    onBody(e: WechatMiniprogram.Input) {
      this.setData({ body: e.detail.value });
    },
    onUrgent(e: WechatMiniprogram.SwitchChange) {
      this.setData({ urgent: e.detail.value });
    },
    async addImage() {
      if (this.data.images.length >= IMAGES_MAX) return showProblem(`最多 ${IMAGES_MAX} 张图片`);
      const picked = await wx
        .chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] })
        .catch(() => null);
      const file = picked?.tempFiles[0];
      if (!file) return;
      if (file.size > IMAGE_MAX_BYTES) return showProblem('图片不能超过 2 MB，请重新选择');
      this.setData({ uploading: true });
      const fileID = await uploadToCloud(
        `notices/${this.data.requestId}-${this.data.images.length}.jpg`,
        file.tempFilePath,
      );
      this.setData({ uploading: false });
      if (!fileID) return showProblem('图片上传失败，请重试');
      this.setData({ images: [...this.data.images, { path: file.tempFilePath, fileID }] });
    },
    removeImage(e: WechatMiniprogram.TouchEvent) {
      const i = Number(e.currentTarget.dataset.index);
      this.setData({ images: this.data.images.filter((_, j) => j !== i) });
    },
    async publish() {
      const scope = this.data.scopes[this.data.scopeIndex];
      if (!scope) {
        this.setData({ errors: { targetId: '请选择发布范围' } });
        return;
      }
      if (this.data.busy || this.data.uploading) return;
      this.setData({ busy: true });
      const res = await call('notices', 'publish', {
        requestId: this.data.requestId,
        level: scope.level,
        ...(scope.targetId ? { targetId: scope.targetId } : {}),
        kind: KINDS[this.data.kindIndex],
        title: this.data.title.trim(),
        body: this.data.body.trim(),
        urgent: this.data.urgent,
        ...(this.data.images.length ? { images: this.data.images.map((i) => i.fileID) } : {}),
      });
      this.setData({ busy: false });
      if (res.code !== 0) {
        // A bad picture is named by its place (images.1): shown under the pictures all the same.
        const errors = Object.fromEntries(
          Object.entries(fieldErrors(res)).map(([f, m]) => [f.replace(/^images\.\d+$/, 'images'), m]),
        );
        this.setData({ errors: placedErrors(errors, SHOWN) });
        return;
      }
      showDone('已发布');
      this.setData({ errors: {}, title: '', body: '', urgent: false, images: [], requestId: newRequestId() });
      wx.navigateTo({ url: `/pages/noticereads/noticereads?id=${res.data.noticeId}` });
    },
    openReads(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/noticereads/noticereads?id=${String(e.currentTarget.dataset.id)}` });
    },
  },
});
