/**
 * 健康申报: temperature, symptoms, 14-day trips, return date, contact with a case — for oneself or
 * (from 我的家庭) a household member. The server checks every field; its Chinese messages are shown
 * beside the fields. The request id is kept across retries, so a double tap is stored once.
 */
import { careMode } from '../../behaviors/care-mode';
import type { Failure, ReportRequest } from '../../../typings';
import { call } from '../../services/cloud';
import { newRequestId } from '../../utils/request-id';

interface TripForm {
  place: string;
  areaIndex: number;
  from: string;
  to: string;
  errors: Partial<Record<TripField, string>>;
}
type TripField = 'place' | 'from' | 'to' | 'areaCode';
/** The page-level fields that have a place beside them (symptoms.N are shown at the symptoms). */
const SHOWN = ['temperature', 'symptoms', 'trips', 'returnedAt', 'contactAt'];

/** Key areas offered for a trip; the street office's list is authoritative on the server. */
const AREAS = [
  { code: '', label: '其他地区' },
  { code: '420100', label: '湖北省武汉市' },
  { code: '420000', label: '湖北省（武汉以外）' },
];

const SYMPTOMS = [
  { code: 'cough', label: '咳嗽' },
  { code: 'fatigue', label: '乏力' },
  { code: 'breath', label: '呼吸困难' },
  { code: 'sore_throat', label: '咽痛' },
  { code: 'diarrhea', label: '腹泻' },
  { code: 'smell_taste', label: '嗅觉味觉减退' },
];

Component({
  behaviors: [careMode],
  data: {
    residentId: '',
    requestId: '',
    temperature: '',
    symptoms: SYMPTOMS.map((s) => ({ ...s, checked: false })),
    areaLabels: AREAS.map((a) => a.label),
    trips: [] as TripForm[],
    returnedAt: '',
    contactAt: '',
    errors: {} as Record<string, string>,
    formError: '',
    submitting: false,
    done: false,
    statusText: '',
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      this.setData({ residentId: options.residentId ?? '', requestId: newRequestId() });
    },
    onTemperature(e: WechatMiniprogram.Input) {
      this.setData({ temperature: e.detail.value });
    },
    toggleSymptom(e: WechatMiniprogram.TouchEvent) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ [`symptoms[${index}].checked`]: !this.data.symptoms[index].checked });
    },
    addTrip() {
      this.setData({ trips: [...this.data.trips, { place: '', areaIndex: 0, from: '', to: '', errors: {} }] });
    },
    removeTrip(e: WechatMiniprogram.TouchEvent) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ trips: this.data.trips.filter((_, i) => i !== index) });
    },
    onTripField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { index, field } = e.currentTarget.dataset as {
        index: number;
        field: 'place' | 'from' | 'to' | 'areaIndex';
      };
      const value = field === 'areaIndex' ? Number(e.detail.value) : e.detail.value;
      this.setData({ [`trips[${index}].${field}`]: value });
    },
    onDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = e.currentTarget.dataset.field as 'returnedAt' | 'contactAt';
      this.setData({ [field]: e.detail.value });
    },
    async submit() {
      if (this.data.submitting) return;
      const temperature = Number(this.data.temperature);
      if (!this.data.temperature || Number.isNaN(temperature)) {
        this.setData({ errors: { temperature: '请填写体温' }, formError: '' });
        return;
      }
      this.setData({ submitting: true, errors: {}, formError: '' });
      const payload: Omit<ReportRequest, 'action'> = {
        requestId: this.data.requestId,
        ...(this.data.residentId ? { residentId: this.data.residentId } : {}),
        temperature,
        symptoms: this.data.symptoms.filter((s) => s.checked).map((s) => s.code),
        trips: this.data.trips.map((t) => ({
          place: t.place,
          from: t.from,
          to: t.to,
          ...(AREAS[t.areaIndex].code ? { areaCode: AREAS[t.areaIndex].code } : {}),
        })),
        returnedAt: this.data.returnedAt || null,
        contactAt: this.data.contactAt || null,
      };
      const res = await call('residents', 'report', payload);
      if (res.code === 0) {
        const colour = res.data.status.colour;
        this.setData({
          submitting: false,
          done: true,
          statusText:
            colour === 'green'
              ? '申报成功，当前为绿码'
              : `申报成功，当前为${colour === 'red' ? '红码' : '黄码'}，请查看通行码中的原因`,
        });
        return;
      }
      const { errors, tripErrors, formError } = placeErrors(res, this.data.trips.length);
      const trips = this.data.trips.map((t, i) => ({ ...t, errors: tripErrors[i] }));
      this.setData({ submitting: false, errors, trips, formError });
    },
    viewPass() {
      wx.redirectTo({ url: `/pages/pass/pass${this.data.residentId ? `?residentId=${this.data.residentId}` : ''}` });
    },
  },
});

/**
 * Each refusal beside its field, a trip's under that trip; one the form has no place for (the
 * member reported for, the request id, a refusal naming no field) at the form, never dropped.
 */
function placeErrors(res: Failure, tripCount: number) {
  const errors: Record<string, string> = {};
  const tripErrors: Partial<Record<TripField, string>>[] = Array.from({ length: tripCount }, () => ({}));
  const elsewhere: string[] = [];
  for (const { field, message } of res.errors ?? [{ field: res.field ?? '', message: res.message }]) {
    const trip = /^trips\.(\d+)\.(place|from|to|areaCode)$/.exec(field);
    const key = field.split('.')[0];
    if (trip && Number(trip[1]) < tripCount) tripErrors[Number(trip[1])][trip[2] as TripField] ??= message;
    else if (SHOWN.includes(key) && (key === 'symptoms' || key === field)) errors[key] ??= message;
    else elsewhere.push(message);
  }
  return { errors, tripErrors, formError: elsewhere.join('；') };
}
