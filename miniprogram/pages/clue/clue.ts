/**
 * 隐患反映 (residents): report a hazard or a clue at a building or a public place of my enclosure,
 * with a photo if it helps; the grid worker of that place handles it and answers here. Other
 * residents never learn who reported; staff see the name masked. Five a day at most.
 */
import type { ClueKind, MyClue } from '../../../typings';
import { careMode } from '../../behaviors/care-mode';
import { pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { uploadToCloud } from '../../services/storage';
import { formatMoment } from '../../shared/china-time';
import { CLUE_KIND_NAMES } from '../../shared/clue-names';
import { fieldErrors, placedErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { showNote, showProblem } from '../../utils/toast';

const KINDS = Object.keys(CLUE_KIND_NAMES) as ClueKind[];
const SHOWN = ['kind', 'buildingId', 'placeText', 'text', 'photoFileId'] as const;
/** The server refuses more (core/clue.ts CLUE_PHOTO_MAX_BYTES); said here before the upload. */
const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
const PUBLIC_PLACE = '公共区域（请填写地点）';

Component({
  behaviors: [pageLife, careMode],
  data: {
    kindNames: KINDS.map((k) => CLUE_KIND_NAMES[k]),
    kindIndex: -1,
    buildings: [] as { id: string; name: string }[],
    placeNames: [] as string[],
    placeIndex: -1,
    placeText: '',
    text: '',
    photoPath: '',
    photoFileId: '',
    uploading: false,
    busy: false,
    requestId: '',
    errors: {} as Record<string, string>,
    clues: [] as (MyClue & { when: string })[],
  },
  methods: {
    async load() {
      if (!this.data.requestId) this.setData({ requestId: newRequestId() });
      const res = await call('clues', 'mine', { markSeen: true });
      if (res.code === 0)
        this.setData({
          buildings: res.data.buildings,
          placeNames: [...res.data.buildings.map((b) => b.name), PUBLIC_PLACE],
          clues: res.data.clues.map((c) => ({ ...c, when: formatMoment(c.at) })),
        });
      return res;
    },
    onKind(e: WechatMiniprogram.PickerChange) {
      this.setData({ kindIndex: Number(e.detail.value), 'errors.kind': '' });
    },
    onPlace(e: WechatMiniprogram.PickerChange) {
      this.setData({ placeIndex: Number(e.detail.value), 'errors.placeText': '', 'errors.buildingId': '' });
    },
    onPlaceText(e: WechatMiniprogram.Input) {
      this.setData({ placeText: e.detail.value });
    },
    onText(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value });
    },
    async choosePhoto() {
      const picked = await wx
        .chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] })
        .catch(() => null);
      const file = picked?.tempFiles[0];
      if (!file) return;
      if (file.size > PHOTO_MAX_BYTES) {
        this.setData({ 'errors.photoFileId': '照片不能超过 2 MB，请重新选择' });
        return;
      }
      this.setData({ uploading: true, photoPath: file.tempFilePath, 'errors.photoFileId': '' });
      const fileID = await uploadToCloud(`clues/${this.data.requestId}.jpg`, file.tempFilePath);
      this.setData({ uploading: false, photoFileId: fileID ?? '', photoPath: fileID ? file.tempFilePath : '' });
      if (!fileID) showProblem('照片上传失败，可不附照片提交');
    },
    removePhoto() {
      this.setData({ photoPath: '', photoFileId: '' });
    },
    async submit() {
      if (this.data.busy || this.data.uploading) return;
      const { kindIndex, placeIndex, buildings } = this.data;
      const errors: Record<string, string> = {};
      if (kindIndex < 0) errors.kind = '请选择类型';
      if (placeIndex < 0) errors.placeText = '请选择楼栋或公共区域';
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      const building = buildings[placeIndex]; // past the buildings: the public place
      this.setData({ busy: true });
      const res = await call('clues', 'report', {
        requestId: this.data.requestId,
        kind: KINDS[kindIndex],
        ...(building ? { buildingId: building.id } : {}),
        placeText: this.data.placeText.trim(),
        text: this.data.text.trim(),
        ...(this.data.photoFileId ? { photoFileId: this.data.photoFileId } : {}),
      });
      this.setData({ busy: false });
      if (res.code !== 0) {
        this.setData({ errors: placedErrors(fieldErrors(res), SHOWN) });
        return;
      }
      showNote(`已提交，网格员会尽快处理（今天还可反映 ${res.data.remainingToday} 条）`);
      this.setData({
        errors: {},
        kindIndex: -1,
        placeIndex: -1,
        placeText: '',
        text: '',
        photoPath: '',
        photoFileId: '',
        requestId: newRequestId(),
      });
      await this.refresh();
    },
  },
});
