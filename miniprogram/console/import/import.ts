/**
 * 住户名册导入: one enclosure's existing register (一人一档) in four steps — download the template,
 * choose the filled file from a chat (a phone has no file manager), read the dry run's report
 * (every problem by row and column, what an import would do, who is no longer listed), and import
 * once the file checks clean. The import runs in chunks: the page calls `apply` again with the
 * same request id until the job is done, so a call lost half way is resumed (继续导入), never
 * started twice. Choosing another file starts over with a new request id.
 */
import type { CheckReport, ImportProgress } from '../../../typings';
import { pageLife, type PageQuery } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { uploadToCloud } from '../../services/storage';
import { newRequestId } from '../../utils/request-id';
import { showDone, showNote, showProblem } from '../../utils/toast';
import {
  type Line,
  MAX_FILE_BYTES,
  canResume,
  confirmText,
  reportView,
  storageName,
  summaryText,
} from './import-report';

/**
 * '' nothing checked yet · checking (uploading and checking) · checked (report shown) ·
 * importing · stalled (a call failed, 继续导入) · refused (a refusal calling again cannot change) · done.
 */
type Phase = '' | 'checking' | 'checked' | 'importing' | 'stalled' | 'refused' | 'done';

/** Everything one chosen file produced; cleared when another is chosen. */
const FRESH = {
  fileID: '',
  fileError: '',
  report: null as CheckReport | null,
  countsText: '',
  problems: [] as Line[],
  moreProblems: 0,
  missing: [] as Line[],
  moreMissing: 0,
  canImport: false,
  requestId: '',
  progress: null as ImportProgress | null,
  importError: '',
  summary: '',
};

/** Pages left while an import runs: the loop stops calling (the job keeps its cursor). */
const gone = new WeakSet<object>();

/** wx.downloadFile answers through callbacks only. */
function downloadTo(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success: (r) => (r.statusCode === 200 ? resolve(r.tempFilePath) : reject(new Error(`HTTP ${r.statusCode}`))),
      fail: reject,
    });
  });
}

Component({
  behaviors: [pageLife],
  data: {
    enclosureId: '',
    enclosureName: '',
    phase: '' as Phase,
    fileName: '',
    templateBusy: false,
    ...FRESH,
  },
  lifetimes: {
    detached() {
      gone.add(this);
    },
  },
  methods: {
    async load(query: PageQuery) {
      if (!this.data.enclosureId) this.setData({ enclosureId: query.enclosureId ?? '' });
      const res = await call('estate', 'enclosure', { enclosureId: this.data.enclosureId });
      if (res.code === 0) this.setData({ enclosureName: res.data.enclosure.name });
      return res;
    },

    /** Opens the template in WeChat's viewer, whose menu forwards it to a chat or a computer. */
    async downloadTemplate() {
      if (this.data.templateBusy) return;
      this.setData({ templateBusy: true });
      const res = await call('registry', 'template', {});
      if (res.code !== 0) showProblem(res.message);
      else {
        try {
          const filePath = await downloadTo(res.data.url);
          await wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
        } catch (err) {
          // Some clients cannot open documents; the link works in any browser.
          console.error('[import] opening the template failed', err);
          try {
            await wx.setClipboardData({ data: res.data.url });
            showNote('无法打开模板，下载链接已复制，请在浏览器中打开');
          } catch {
            showProblem('无法打开模板，请稍后重试');
          }
        }
      }
      this.setData({ templateBusy: false });
    },

    async chooseFile() {
      const { phase, enclosureId } = this.data;
      if (phase === 'checking' || phase === 'importing') return;
      let file: WechatMiniprogram.ChooseFile | undefined;
      try {
        file = (await wx.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })).tempFiles[0];
      } catch {
        return; // cancelled: what is on screen stays
      }
      if (!file) return;
      this.setData({ ...FRESH, fileName: file.name, phase: 'checking' });
      if (file.size > MAX_FILE_BYTES) {
        this.setData({ phase: '', fileError: '文件超过 10 MB，请按楼栋拆分后分别导入' });
        return;
      }
      const cloudPath = `imports/${enclosureId}/${Date.now()}-${storageName(file.name)}`;
      const fileID = await uploadToCloud(cloudPath, file.path);
      if (!fileID) {
        this.setData({ phase: '', fileError: '文件上传失败，请检查网络后重新选择' });
        return;
      }
      const res = await call('registry', 'check', { fileID, enclosureId });
      if (res.code !== 0) {
        this.setData({ phase: '', fileError: res.message });
        return;
      }
      this.setData({ phase: 'checked', fileID, report: res.data, ...reportView(res.data) });
    },

    async startImport() {
      const { report, canImport } = this.data;
      if (!report || !canImport || this.data.phase !== 'checked') return;
      const answer = await wx.showModal({ title: '导入住户名册', content: confirmText(report), confirmText: '导入' });
      if (!answer.confirm || this.data.phase !== 'checked') return;
      // One id for this file's import, kept until it is done: every call continues the same job.
      if (!this.data.requestId) this.setData({ requestId: newRequestId() });
      await this.runImport();
    },

    async resume() {
      if (this.data.phase === 'stalled') await this.runImport();
    },

    /** Calls `apply` until the job is done, showing how far it has got after each chunk. */
    async runImport() {
      this.setData({ phase: 'importing', importError: '' });
      const { requestId, fileID, enclosureId } = this.data;
      for (;;) {
        const res = await call('registry', 'apply', { requestId, fileID, enclosureId });
        if (gone.has(this)) return;
        if (res.code !== 0) {
          this.setData({ phase: canResume(res.code) ? 'stalled' : 'refused', importError: res.message });
          return;
        }
        this.setData({ progress: res.data });
        if (res.data.state === 'done') {
          this.setData({ phase: 'done', summary: summaryText(res.data) });
          showDone('导入完成');
          return;
        }
      }
    },
  },
});
