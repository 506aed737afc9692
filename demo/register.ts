/**
 * The demo estate's people as the street would have them before day one: the register it keeps
 * (一人一档, `demo/register.csv`, imported through `registry`), and the few who are not in it
 * and register themselves in the app (so they wait, yellow, for a grid worker's check).
 * Pure: the same people every time. Every person is invented; ID numbers have a valid check digit
 * (the import checks it) and phone numbers are made up.
 */
import { REGISTER_COLUMNS } from '../core/register-rows';
import type { ResidentDoc } from '../core/status-doc';
import type { DemoData } from './estate';

/**
 * The demo's health picture: most residents verified with a fresh declaration (green), some
 * returnees from Wuhan in home isolation (red), a few with a fever (red), some not yet verified or
 * back from elsewhere (yellow). The same person gets the same story every time.
 */
export type Story = 'green' | 'wuhan_returnee' | 'fever' | 'unverified' | 'returnee';

export function storyOf(residentNumber: number): Story {
  const r = (residentNumber * 2654435761) % 1000;
  if (r < 25) return 'wuhan_returnee';
  if (r < 32) return 'fever';
  if (r < 70) return 'unverified';
  if (r < 95) return 'returnee';
  return 'green';
}

/** Where and who, as the stored resident will say it; then what only the demo knows. */
export interface DemoPerson extends Pick<
  ResidentDoc,
  'enclosureId' | 'buildingId' | 'buildingName' | 'unit' | 'floor' | 'room' | 'name' | 'relation'
> {
  /** The plan's number of this person (res-00042 → 42): their story follows from it. */
  number: number;
  idNumber: string;
  phone: string | null;
  /** The WeChat user of someone with a phone. */
  openid: string | null;
  /** Who declares for them: themselves, or their household's head (children, elders). */
  declaredBy: string;
  story: Story;
  /** Not in the street's register: registers in the app, at the flat of a listed household. */
  selfRegistered: boolean;
}

const RELATION_TEXT = { head: '户主', member: '成员', child: '子女', elder: '老人' } as const;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A valid-looking ID number of 福田区 (440304) for person n, born in `birthYear`: distinct for distinct n. */
export function demoIdNumber(n: number, birthYear: number): string {
  const month = 1 + (n % 12);
  const day = 1 + (Math.floor(n / 12) % 28);
  const body = `440304${birthYear}${pad(month, 2)}${pad(day, 2)}${pad(Math.floor(n / 336), 3)}`;
  return body + '10X98765432'[WEIGHTS.reduce((a, w, i) => a + w * Number(body[i]), 0) % 11];
}

/**
 * Everyone of the demo, with the story they will tell. A story of 待核实 (not yet verified) is told
 * by people with a phone who are not the head: they register in the app and the head accepts them.
 * A head or a dependant drawn 待核实 is listed (and so verified) like the others, and green.
 */
export function demoPeople(demo: DemoData): DemoPerson[] {
  const heads = new Map<string, string>();
  for (const r of demo.collections.residents)
    if (r.relation === 'head') heads.set(String(r.householdId), String(r.openid));
  return demo.collections.residents.map((r) => {
    const number = Number(String(r._id).replace(/\D/g, ''));
    const openid = r.openid ? String(r.openid) : null;
    const drawn = storyOf(number);
    const selfRegistered = drawn === 'unverified' && openid !== null && r.relation !== 'head';
    return {
      number,
      enclosureId: String(r.enclosureId),
      buildingId: String(r.buildingId),
      buildingName: String(r.buildingName),
      unit: Number(r.unit),
      floor: Number(r.floor),
      room: String(r.room),
      name: String(r.name),
      relation: r.relation as DemoPerson['relation'],
      idNumber: demoIdNumber(number, Number(r.birthYear)),
      phone: openid ? `139${pad(number * 7919, 8).slice(-8)}` : null,
      openid,
      declaredBy: openid ?? heads.get(String(r.householdId))!,
      story: drawn === 'unverified' && !selfRegistered ? 'green' : drawn,
      selfRegistered,
    };
  });
}

/** The register file of one enclosure, as the street's spreadsheet would be saved as CSV. */
export function registerCsv(people: DemoPerson[], enclosureId: string): string {
  const rows = people
    .filter((p) => p.enclosureId === enclosureId && !p.selfRegistered)
    .map((p) => [p.buildingName, String(p.unit), p.room, p.name, RELATION_TEXT[p.relation], p.idNumber, p.phone ?? '']);
  return [[...REGISTER_COLUMNS], ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}
