/**
 * What importing a file would do to one enclosure: every problem by row and column, and for each
 * clean row whether it is new, changed or unchanged against what is stored. Reads only: the file,
 * the enclosure's buildings, its residents, and the ID claims of the file's people.
 */
import type { RoomScheme } from '../../../core/estate';
import {
  type Problem,
  type RegisterBuilding,
  type RegisterRow,
  addressOf,
  crossRowProblems,
  householdIdOf,
  readRow,
} from '../../../core/register-rows';
import type { Relation } from '../../../core/status-doc';
import { cloud, command } from '../../../server/cloud';
import { Stored, findAll, findById } from '../../../server/db';
import { AppError, notFound } from '../../../server/errors';
import { hashIdNumber, hashPhone } from '../../../server/pii';
import { UserDoc, hasRole } from '../../../server/users';
import { readRegisterFile } from './read-file';
import { residentIdFor } from './resident-id';

export interface Existing {
  name: string;
  maskedName: string;
  householdId: string;
  relation: Relation;
  openid?: string;
  idHash?: string;
  phoneHash?: string;
  buildingName: string;
  unit: number;
  room: string;
  importedAt?: Date;
}

export interface PlannedRow extends RegisterRow {
  idHash: string;
  kind: 'new' | 'changed' | 'unchanged';
  /** The stored resident this row updates (changed, unchanged). */
  residentId: string | null;
}

export interface Plan {
  rows: number;
  problems: Problem[];
  planned: PlannedRow[];
  missing: Stored<Existing>[];
  buildings: RegisterBuilding[];
}

/** Refuses unless the caller manages the enclosure (street admin; a community admin of its 社区). */
export async function enclosureToImport(user: Stored<UserDoc>, enclosureId: string) {
  const enclosure = await findById<{ name: string; communityId?: string; retiredAt?: Date }>('enclosures', enclosureId);
  if (!enclosure) throw notFound('围合区不存在');
  if (!hasRole(user, 'admin') && (!enclosure.communityId || enclosure.communityId !== user.communityId))
    throw new AppError('PERMISSION_DENIED', '只能导入本社区围合区的名册');
  if (enclosure.retiredAt) throw new AppError('FAILED_PRECONDITION', '该围合区已停用', 'enclosureId');
  return enclosure;
}

export async function download(fileID: string): Promise<Buffer> {
  try {
    const { fileContent } = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer };
    return fileContent;
  } catch {
    throw new AppError('INVALID_ARGUMENT', '无法读取上传的文件，请重新选择', 'fileID');
  }
}

const sameRow = (row: RegisterRow, stored: Existing, phoneHash: string | undefined) =>
  stored.name === row.name && stored.relation === row.relation && stored.phoneHash === phoneHash;

/** Compares each clean row with what the enclosure stores; conflicts become problems. */
function classify(rows: RegisterRow[], stored: Stored<Existing>[], claimedElsewhere: Set<string>) {
  const byHash = new Map(stored.filter((s) => s.idHash).map((s) => [s.idHash!, s]));
  const storedHeads = new Map(stored.filter((s) => s.relation === 'head').map((s) => [s.householdId, s]));
  const problems: Problem[] = [];
  const planned: PlannedRow[] = [];
  for (const row of rows) {
    const idHash = hashIdNumber(row.idNumber);
    const phoneHash = row.phone ? hashPhone(row.phone) : undefined;
    const existing = byHash.get(idHash);
    const fail = (message: string) => problems.push({ row: row.row, column: '身份证号', message });
    if (!existing) {
      const head = row.relation === 'head' ? storedHeads.get(householdIdOf(row)) : undefined;
      if (claimedElsewhere.has(idHash)) fail('该身份证号已在其他围合区登记');
      else if (head)
        problems.push({ row: row.row, column: '与户主关系', message: `该房屋已有户主（${head.maskedName}），请核对` });
      else planned.push({ ...row, idHash, kind: 'new', residentId: null });
      continue;
    }
    if (existing.householdId !== householdIdOf(row)) {
      fail(
        `该住户已登记在${existing.buildingName}${existing.unit}单元${existing.room}室，与名册住址不同，请由网格员核实后办理迁移`,
      );
      continue;
    }
    // Someone who registered (or claimed) with their own WeChat keeps their own phone number.
    const unchanged = existing.openid
      ? existing.name === row.name && existing.relation === row.relation
      : sameRow(row, existing, phoneHash);
    if (existing.openid && !unchanged) {
      fail('该住户已用本人微信登记，姓名或关系与名册不同，请核对');
      continue;
    }
    planned.push({ ...row, idHash, kind: unchanged ? 'unchanged' : 'changed', residentId: existing._id });
  }
  return { problems, planned };
}

export async function planImport(enclosureId: string, fileID: string): Promise<Plan> {
  const [content, buildingDocs, stored] = await Promise.all([
    download(fileID),
    findAll<{ name: string; units: number; floors: number; roomScheme?: RoomScheme; retiredAt?: Date }>('buildings', {
      enclosureId,
    }),
    findAll<Existing>('residents', { enclosureId }, { max: 100_000 }),
  ]);
  const buildings: RegisterBuilding[] = buildingDocs
    .filter((b) => !b.retiredAt)
    .map((b) => ({ id: b._id, name: b.name, units: b.units, floors: b.floors, roomScheme: b.roomScheme }));
  const file = await readRegisterFile(content);
  const byName = new Map(buildings.map((b) => [b.name, b]));
  const read = file.rows.map((raw) => readRow(raw, byName));
  const clean = read.flatMap((r) => (r.row ? [r.row] : []));
  const problems = [...file.problems, ...read.flatMap((r) => r.problems), ...crossRowProblems(clean)];
  // ID numbers claimed by residents of other enclosures (one read per 500 people). A claim for the
  // resident this import makes (an import under way, or one killed half way) is this enclosure's.
  const mine = new Set(stored.map((s) => s.idHash));
  const ours = new Set(stored.map((s) => s._id));
  const hashes = [...new Set(clean.map((r) => hashIdNumber(r.idNumber)))].filter((h) => !mine.has(h));
  const claimedElsewhere = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const claims = await findAll<{ residentId: string }>('id_claims', { _id: command.in(hashes.slice(i, i + 500)) });
    for (const c of claims)
      if (!ours.has(c.residentId) && c.residentId !== residentIdFor(enclosureId, c._id)) claimedElsewhere.add(c._id);
  }
  const classified = classify(clean, stored, claimedElsewhere);
  const inFile = new Set(clean.map((r) => hashIdNumber(r.idNumber)));
  const missing = stored.filter((s) => s.importedAt && s.idHash && !inFile.has(s.idHash));
  return {
    rows: file.rows.length,
    problems: [...problems, ...classified.problems].sort((a, b) => a.row - b.row),
    planned: classified.planned,
    missing,
    buildings,
  };
}

export const missingView = (m: Existing) => ({ maskedName: m.maskedName, address: addressOf(m) });
