/**
 * The medic's desk for their enclosure, in five reads: who is due for sampling today (isolated,
 * their sampling day come, no sample since), samples waiting for the lab, who waits for a
 * medical assessment, and who is at a health station.
 */
import { ISOLATION_RULES, byResident, currentStay, samplingDue, stationDays } from '../../../core/health';
import { DEFAULT_RULES } from '../../../core/rule-config';
import { DAY_MS } from '../../../core/time';
import type { HealthDesk } from '../../../typings';
import type { Def } from '../../../server/action';
import { now } from '../../../server/clock';
import { findAll, findById } from '../../../server/db';
import { input } from '../../../server/schema';
import { StatusDoc, currentRules, currentStatus } from '../../../server/status';
import { MEDICAL_RULES } from './clear';
import { MEDIC_DENIED, addressOf } from './patients';
import type { TestDoc } from './samples';
import { OPEN_STAY_LAST_AT } from './station';

/** An enclosure's people at most: the desk reads every red status of one. */
const RED_MAX = 5_000;

interface StayDoc {
  kind?: 'station' | 'central';
  residentId: string;
  maskedName: string;
  address: string;
  station: string;
  inAt: Date;
}

export const desk = {
  who: 'staff',
  role: 'medic',
  denied: MEDIC_DENIED,
  input: input({}),
  async run(_input, { user: medic }): Promise<HealthDesk> {
    const enclosureId = medic.enclosureId ?? '';
    const at = now();
    const [enclosure, rules, red, tests, stays] = await Promise.all([
      findById<{ name: string }>('enclosures', enclosureId),
      currentRules(),
      findAll<StatusDoc>('statuses', { enclosureId, colour: 'red' }, { max: RED_MAX }),
      findAll<TestDoc>('health_tests', { enclosureId, sampledAt: { $gte: new Date(at.getTime() - 30 * DAY_MS) } }),
      findAll<StayDoc>('station_stays', { enclosureId, lastAt: OPEN_STAY_LAST_AT }),
    ]);
    const samplingDays = rules.samplingDays ?? DEFAULT_RULES.samplingDays!;
    const testsOf = byResident(tests);
    const person = (s: StatusDoc) => ({ residentId: s.residentId, maskedName: s.maskedName, address: addressOf(s) });
    const due: HealthDesk['due'] = [];
    const toAssess: HealthDesk['toAssess'] = [];
    for (const doc of red) {
      const status = currentStatus(doc, at);
      const isolation = status.reasons.filter((r) => ISOLATION_RULES.includes(r.rule));
      // Someone at a central site is sampled there, not by the enclosure's medic.
      const away = status.reasons.some((r) => r.rule === 'central_isolation');
      if (isolation.length && !away) {
        const since = new Date(Math.min(...isolation.map((r) => +r.since)));
        const day = samplingDue(since, samplingDays, testsOf.get(doc.residentId) ?? [], at);
        if (day !== null) due.push({ ...person(doc), day });
      }
      const medical = status.reasons.find((r) => MEDICAL_RULES.includes(r.rule));
      if (medical) toAssess.push({ ...person(doc), reason: medical.text });
    }
    return {
      enclosureName: enclosure?.name ?? '',
      due: due.sort((a, b) => a.address.localeCompare(b.address, 'zh')),
      awaitingResult: tests
        .filter((t) => !t.result)
        .sort((a, b) => +a.sampledAt - +b.sampledAt)
        .map((t) => ({
          residentId: t.residentId,
          maskedName: t.maskedName,
          address: t.address,
          tubeCode: t.tubeCode,
          sampledAt: t.sampledAt.toISOString(),
        })),
      toAssess,
      atStation: stays
        .filter((s) => s.kind !== 'central' && currentStay([{ ...s }], at))
        .map((s) => ({
          residentId: s.residentId,
          maskedName: s.maskedName,
          address: s.address,
          station: s.station,
          since: s.inAt.toISOString(),
          days: stationDays([s], s.inAt, at),
        })),
      central: stays
        .filter((s) => s.kind === 'central')
        .map((s) => ({
          residentId: s.residentId,
          maskedName: s.maskedName,
          address: s.address,
          place: s.station,
          since: s.inAt.toISOString(),
        })),
      samplingDays,
    };
  },
} satisfies Def<'health', 'desk'>;
