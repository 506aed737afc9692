/** A self-report (健康申报) as the resident submits it, checked field by field. */
import type { Declaration, Trip } from './rules';
import { Checker } from './validate';

export const SYMPTOMS = {
  cough: '咳嗽',
  fatigue: '乏力',
  breath: '呼吸困难',
  sore_throat: '咽痛',
  diarrhea: '腹泻',
  smell_taste: '嗅觉味觉减退',
} as const;
export type SymptomCode = keyof typeof SYMPTOMS;

export interface TripInput {
  place: string;
  areaCode?: string;
  from: string;
  to: string;
}

export interface ReportInput {
  requestId: string;
  /** A dependant in the caller's household; omitted for oneself. */
  residentId?: string;
  temperature: number;
  symptoms: SymptomCode[];
  trips: TripInput[];
  returnedAt?: string | null;
  contactAt?: string | null;
}

const MAX_TRIPS = 10;
const LOOKBACK_DAYS = 30;

/** Checks a report; throws `Invalid` with every problem, or answers the declaration to store. */
export function parseReport(
  input: Record<string, unknown>,
  now: Date,
): { requestId: string; residentId?: string; declaration: Declaration } {
  const check = new Checker();
  const requestId = check.requestId(input.requestId);
  const residentId =
    input.residentId === undefined || input.residentId === null
      ? undefined
      : check.id('residentId', input.residentId, '申报对象');
  const temperature = check.number('temperature', input.temperature, '体温', 34, 43);
  const symptomsRaw = Array.isArray(input.symptoms) ? input.symptoms : input.symptoms === undefined ? [] : null;
  if (symptomsRaw === null) check.fail('symptoms', '症状格式无效');
  const symptoms = [
    ...new Set(
      (symptomsRaw ?? []).map((s, i) =>
        check.oneOf(`symptoms.${i}`, s, Object.keys(SYMPTOMS) as SymptomCode[], '症状'),
      ),
    ),
  ];
  const earliest = new Date(now.getTime() - LOOKBACK_DAYS * 24 * 3600_000);
  const tripsRaw = Array.isArray(input.trips) ? input.trips : input.trips === undefined ? [] : null;
  if (tripsRaw === null) check.fail('trips', '行程格式无效');
  if ((tripsRaw ?? []).length > MAX_TRIPS) check.fail('trips', `行程最多填写${MAX_TRIPS}条`);
  const trips: Trip[] = (tripsRaw ?? []).slice(0, MAX_TRIPS).map((raw, i) => {
    const t = (raw ?? {}) as Record<string, unknown>;
    const place = check.text(`trips.${i}.place`, t.place, '地点', { min: 2, max: 30 });
    // A trip is the stay away: `from` is the day one arrived there, `to` the day one left.
    const from = check.date(`trips.${i}.from`, t.from, '到达日期', { notAfter: now });
    const to = check.date(`trips.${i}.to`, t.to, '离开日期', { notAfter: now });
    if (from > to) check.fail(`trips.${i}.to`, '离开日期不能早于到达日期');
    if (to < earliest) check.fail(`trips.${i}.to`, `只需填写近${LOOKBACK_DAYS}天的行程`);
    let areaCode: string | undefined;
    if (t.areaCode !== undefined && t.areaCode !== null && t.areaCode !== '') {
      if (typeof t.areaCode !== 'string' || !/^\d{6}$/.test(t.areaCode))
        check.fail(`trips.${i}.areaCode`, '地区代码无效');
      else areaCode = t.areaCode;
    }
    return { place, from, to, ...(areaCode ? { areaCode } : {}) };
  });
  const optionalDate = (field: string, label: string): Date | undefined => {
    const value = input[field];
    if (value === undefined || value === null || value === '') return undefined;
    const date = check.date(field, value, label, { notAfter: now });
    if (date < earliest) check.fail(field, `只需填写近${LOOKBACK_DAYS}天内的${label}`);
    return date;
  };
  const returnedAt = optionalDate('returnedAt', '返回日期');
  const contactAt = optionalDate('contactAt', '接触日期');
  check.done();
  return {
    requestId,
    ...(residentId ? { residentId } : {}),
    declaration: {
      at: now,
      temperature: Math.round(temperature * 10) / 10,
      symptoms: symptoms.map((code) => SYMPTOMS[code]),
      trips,
      ...(returnedAt ? { returnedAt } : {}),
      ...(contactAt ? { contactAt } : {}),
    },
  };
}
