/** Shared by the registry tests: made-up registers, files in LocalCloud storage, and the import loop. */
import ExcelJS from 'exceljs';
import { REGISTER_COLUMNS } from '../../core/register-rows';
import { Estate, countDocs, requestId } from './journeys';

export type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** One cell per REGISTER_COLUMNS entry, in that order. */
export type Row = string[];
export const STREET = 'demo-admin';
export const COMMUNITY = 'demo-community-admin'; // community_admin of com-hongli (春华苑, 立新村)
/** What an import writes: compared before and after to prove a refusal wrote nothing. */
export const WRITTEN = ['residents', 'households', 'statuses', 'id_claims', 'audit_logs', 'import_jobs'];

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** The valid ID number (GB 11643 check digit) of made-up person n: distinct for distinct n. */
export function idNumberOf(n: number): string {
  const body = `1101051980${String(n).padStart(7, '0')}`;
  return body + '10X98765432'[WEIGHTS.reduce((a, w, i) => a + w * Number(body[i]), 0) % 11];
}

let seq = 0;
/** A person never made before: a valid ID number, a phone and a name. */
export function person() {
  const n = ++seq;
  const given = '伟芳敏静强磊军洋勇艳杰娟涛明超';
  const name = '王李张刘陈杨赵黄周吴'[n % 10] + given[Math.floor(n / 10) % 15] + given[Math.floor(n / 150) % 15];
  return { id: idNumberOf(n), phone: `139${String(n).padStart(8, '0')}`, name };
}

/**
 * Flats of three (户主 and 配偶 with phones, 子女 without): every fourth flat in 3号楼 (A4, A8…),
 * the others in 1栋 (unit 1 and 2, four flats a floor from 101). `floors` bounds 1栋's floors
 * (18 in freshEnclosure); past them, a further `1栋` … building name is used (2栋, …).
 */
export function register(count: number, floors = 18): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const flat = Math.floor(i / 3);
    const n = flat - Math.floor((flat + 1) / 4); // the flat's place among the numbered flats
    const floor = Math.floor(n / 8);
    const [building, unit, room] =
      flat % 4 === 3
        ? ['3号楼', '1', `A${flat + 1}`]
        : [
            `${Math.floor(floor / floors) + 1}栋`,
            String((n % 2) + 1),
            String(((floor % floors) + 1) * 100 + (Math.floor(n / 2) % 4) + 1),
          ];
    const p = person();
    const relation = ['户主', '配偶', '子女'][i % 3];
    rows.push([building, unit, room, p.name, relation, p.id, relation === '子女' ? '' : p.phone]);
  }
  return rows;
}

export async function xlsxOf(rows: Row[], header: string[] = [...REGISTER_COLUMNS]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('住户名册');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const csvOf = (rows: Row[], header: string[] = [...REGISTER_COLUMNS]) =>
  [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';

export function registryKit(estate: () => Estate) {
  let uploads = 0;
  const cloud = () => estate().cloud;
  /** Puts a file in storage as the mini-program's upload would; answers its fileID. */
  const store = (content: Buffer, ext = 'xlsx') => {
    const path = `imports/register-${++uploads}.${ext}`;
    cloud().storage.write(path, content);
    return cloud().storage.fileId(path);
  };
  const upload = async (rows: Row[]) => store(await xlsxOf(rows));
  const call = (openid: string, event: object) => estate().call('registry', openid, event);
  const check = (fileID: string, enclosureId: string, openid = STREET) =>
    call(openid, { action: 'check', fileID, enclosureId });
  /** Calls apply until the job is done, as the page does: the last progress, and how many calls it took. */
  async function importAll(fileID: string, enclosureId: string, openid = STREET, rid = requestId()) {
    for (let calls = 1; calls <= 50; calls++) {
      const res = await call(openid, { action: 'apply', requestId: rid, fileID, enclosureId });
      if (res.code !== 0) throw new Error(`apply refused: ${JSON.stringify(res)}`);
      if (res.data.state === 'done') return { progress: res.data as Answer, calls };
    }
    throw new Error('the import never finished');
  }
  const find = (collection: string, query: Record<string, unknown> = {}) =>
    cloud().db.find(collection, query, { limit: 1_000_000 }).docs as Answer[];
  const counts = () => WRITTEN.map((c) => countDocs(cloud(), c));
  const contents = () => WRITTEN.map((c) => JSON.stringify(find(c)));
  /** A fresh enclosure with 1栋 (numbered, 2 units, 18 floors) and 3号楼 (labelled, 6 floors). */
  async function freshEnclosure(name: string, communityId = 'com-hongli', more: [string, number][] = []) {
    const save = async (fields: object) => {
      const res = await estate().call('estate', STREET, { action: 'save', requestId: requestId(), ...fields });
      if (res.code !== 0) throw new Error(`estate.save refused: ${JSON.stringify(res)}`);
      return res.data.id as string;
    };
    const enclosureId = await save({ kind: 'enclosure', communityId, name, type: 'estate', address: '' });
    const buildings: [string, 'numbered' | 'labelled', number, number][] = [
      ['1栋', 'numbered', 2, 18],
      ['3号楼', 'labelled', 1, 6],
      ...more.map(([b, floors]) => [b, 'numbered', 2, floors] as [string, 'numbered', number, number]),
    ];
    for (const [building, roomScheme, units, floors] of buildings)
      await save({ kind: 'building', enclosureId, name: building, units, floors, roomScheme });
    return enclosureId;
  }
  return { store, upload, call, check, importAll, find, counts, contents, freshEnclosure };
}
