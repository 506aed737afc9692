/**
 * 巡查消杀: today's patrol and disinfection rounds — the enclosure's for a grid worker, one's own
 * for a volunteer (`?mine=1`) — each checked off at the place with what was found and, if it
 * helps, a photo. A grid worker plans a round: a place, times of day, how many days, who walks it.
 */
import type { DutyPerson, RoundDue, RoundKind } from '../../../typings';
import { PageQuery, pageLife } from '../../behaviors/page-life';
import { call } from '../../services/cloud';
import { uploadToCloud } from '../../services/storage';
import { cstDate, formatMoment } from '../../shared/china-time';
import { ROUND_KIND_NAMES } from '../../shared/duty-names';
import { fieldErrors, placedErrors } from '../../utils/errors';
import { newRequestId } from '../../utils/request-id';
import { showDone, showProblem } from '../../utils/toast';

const KINDS = Object.keys(ROUND_KIND_NAMES) as RoundKind[];
const SHOWN = ['place', 'times', 'days', 'assigneeOpenid'] as const;
type Shown = RoundDue & { key: string; time: string; checkedText: string };

Component({
  behaviors: [pageLife],
  data: {
    mine: false,
    rounds: [] as Shown[],
    notes: {} as Record<string, string>,
    photos: {} as Record<string, string>,
    busy: false,
    // The plan form (grid workers).
    kindNames: KINDS.map((k) => ROUND_KIND_NAMES[k]),
    kindIndex: 0,
    place: '',
    times: '',
    days: '7',
    people: [] as DutyPerson[],
    personNames: [] as string[],
    personIndex: -1,
    requestId: '',
    errors: {} as Record<string, string>,
  },
  methods: {
    async load(query: PageQuery) {
      if (!this.data.requestId) this.setData({ requestId: newRequestId(), mine: query.mine === '1' });
      const res = await call('duty', 'rounds', {
        date: cstDate(new Date()),
        ...(this.data.mine ? { mine: true } : {}),
      });
      if (res.code !== 0) return res;
      this.setData({
        rounds: res.data.map((r) => ({
          ...r,
          key: `${r.planId}-${Date.parse(r.due)}`,
          time: formatMoment(r.due).slice(-5),
          checkedText: r.checkedAt ? `${formatMoment(r.checkedAt).slice(-5)} ${r.checkedByName ?? ''}` : '',
        })),
      });
      if (!this.data.mine && !this.data.people.length) {
        const people = await call('duty', 'people', {});
        if (people.code === 0)
          this.setData({ people: people.data.people, personNames: people.data.people.map((p) => p.name) });
      }
      return res;
    },
    onNote(e: WechatMiniprogram.Input) {
      this.setData({ [`notes.${String(e.currentTarget.dataset.key)}`]: e.detail.value });
    },
    async choosePhoto(e: WechatMiniprogram.TouchEvent) {
      const key = String(e.currentTarget.dataset.key);
      const picked = await wx
        .chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] })
        .catch(() => null);
      const filePath = picked?.tempFiles[0]?.tempFilePath;
      if (!filePath) return;
      const fileID = await uploadToCloud(`rounds/${key}-${Date.now()}.jpg`, filePath);
      if (!fileID) return showProblem('照片上传失败，可不附照片打卡');
      this.setData({ [`photos.${key}`]: fileID });
    },
    async check(e: WechatMiniprogram.TouchEvent) {
      const key = String(e.currentTarget.dataset.key);
      const round = this.data.rounds.find((r) => r.key === key);
      if (!round || this.data.busy) return;
      this.setData({ busy: true });
      const note = (this.data.notes[key] ?? '').trim();
      const photo = this.data.photos[key];
      const res = await call('duty', 'checkRound', {
        planId: round.planId,
        due: round.due,
        ...(note ? { note } : {}),
        ...(photo ? { photoFileId: photo } : {}),
      });
      this.setData({ busy: false });
      if (res.code !== 0) return showProblem(res.message);
      showDone('已打卡');
      await this.refresh();
    },
    onKind(e: WechatMiniprogram.PickerChange) {
      this.setData({ kindIndex: Number(e.detail.value) });
    },
    onPlace(e: WechatMiniprogram.Input) {
      this.setData({ place: e.detail.value });
    },
    onTimes(e: WechatMiniprogram.Input) {
      this.setData({ times: e.detail.value });
    },
    onDays(e: WechatMiniprogram.Input) {
      this.setData({ days: e.detail.value });
    },
    onPerson(e: WechatMiniprogram.PickerChange) {
      this.setData({ personIndex: Number(e.detail.value) });
    },
    async plan() {
      const person = this.data.people[this.data.personIndex];
      if (!person) {
        this.setData({ errors: { assigneeOpenid: '请选择负责人' } });
        return;
      }
      if (this.data.busy) return;
      this.setData({ busy: true });
      const res = await call('duty', 'planRound', {
        requestId: this.data.requestId,
        kind: KINDS[this.data.kindIndex],
        place: this.data.place.trim(),
        // "08:30 14:30" or "08:30，14:30": each time of day, as typed.
        times: this.data.times.split(/[\s,，、]+/).filter(Boolean),
        fromDate: cstDate(new Date()),
        days: Number(this.data.days),
        assigneeOpenid: person.openid,
      });
      this.setData({ busy: false });
      if (res.code !== 0) {
        // A bad time is named by its place in the list (times.1): shown under the times all the same.
        const errors = Object.fromEntries(
          Object.entries(fieldErrors(res)).map(([field, message]) => [field.replace(/^times\.\d+$/, 'times'), message]),
        );
        this.setData({ errors: placedErrors(errors, SHOWN) });
        return;
      }
      showDone('已安排');
      this.setData({ errors: {}, place: '', times: '', requestId: newRequestId() });
      await this.refresh();
    },
  },
});
