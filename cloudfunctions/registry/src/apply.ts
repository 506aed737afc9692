/**
 * Importing a clean register, resumably. The job (`import_jobs`, id from the request id) keeps a
 * cursor; each call handles rows until half the function's time is spent, saves the cursor and
 * answers `running`, and the page calls again. Every write is a `set` of a document whose id
 * comes from the row (resident, status, ID claim, household), so a call killed half way and run
 * again leaves exactly what one complete run leaves. The map is recounted once at the end.
 */
import type { PlannedRow } from './plan';
import { householdIdOf } from '../../../core/register-rows';
import { floorOf } from '../../../core/estate';
import { maskName } from '../../../core/mask';
import { statusDocFor, type ResidentDoc } from '../../../core/status-doc';
import type { ImportProgress } from '../../../typings';
import { refreshBuildingStats } from '../../../server/building-stats';
import { now } from '../../../server/clock';
import { command } from '../../../server/cloud';
import { Stored, findAll, findById, insertOnce, replace, updateById } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { hashPhone, protectIdNumber, protectPhone } from '../../../server/pii';
import { currentRules, recomputeStatus } from '../../../server/status';
import type { HouseholdDoc } from '../../../server/household';
import type { UserDoc } from '../../../server/users';
import { planImport } from './plan';
import { residentIdFor } from './resident-id';

/** Half of the 60 s the function is given (config.json), less what reading the file costs. */
const BUDGET_MS = 25_000;
const PARALLEL = 8;

interface JobDoc {
  enclosureId: string;
  fileID: string;
  by: string;
  state: 'running' | 'done';
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  buildingIds: string[];
  startedAt: Date;
  finishedAt?: Date;
}

const progressOf = (jobId: string, job: JobDoc): ImportProgress => ({
  jobId,
  state: job.state,
  total: job.total,
  processed: job.processed,
  created: job.created,
  updated: job.updated,
  unchanged: job.unchanged,
});

/** Runs `work` over the items, a few at a time (the database takes parallel writes well). */
async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map(work));
}

export async function applyImport(
  user: Stored<UserDoc>,
  jobId: string,
  enclosureId: string,
  fileID: string,
): Promise<ImportProgress> {
  const started = Date.now();
  const existingJob = await findById<JobDoc>('import_jobs', jobId);
  if (existingJob && (existingJob.enclosureId !== enclosureId || existingJob.fileID !== fileID))
    throw new AppError('INVALID_ARGUMENT', '请求编号已用于另一次导入', 'requestId');
  if (existingJob?.state === 'done') return progressOf(jobId, existingJob);

  const plan = await planImport(enclosureId, fileID);
  if (plan.problems.length > 0)
    throw new AppError(
      'FAILED_PRECONDITION',
      `名册还有 ${plan.problems.length} 处问题，请先核对修改后再导入`,
      'fileID',
    );
  const at = now();
  const count = (kind: PlannedRow['kind']) => plan.planned.filter((r) => r.kind === kind).length;
  // What the import does is fixed by the first plan: a later call re-plans, and sees the rows the
  // earlier calls wrote as unchanged, but the job still reports what the import did.
  const job: JobDoc = existingJob ?? {
    enclosureId,
    fileID,
    by: user._id,
    state: 'running',
    total: plan.planned.length,
    processed: 0,
    created: count('new'),
    updated: count('changed'),
    unchanged: count('unchanged'),
    buildingIds: [...new Set(plan.planned.map((r) => r.buildingId))],
    startedAt: at,
  };
  if (!existingJob) await replace('import_jobs', jobId, job);

  const rules = await currentRules();
  const unitOrders = await findAll<{
    buildingId: string;
    unit: number;
    startAt: Date;
    days: number;
    reason: string;
    endedAt?: Date;
  }>('unit_orders', { buildingId: command.in(job.buildingIds.length ? job.buildingIds : ['-']) });
  const buildingsById = new Map(plan.buildings.map((b) => [b.id, b]));
  const floorOfRow = (row: PlannedRow) => floorOf(buildingsById.get(row.buildingId)!, row.room) ?? 0;
  const households = groupHouseholds(plan.planned, enclosureId, floorOfRow);
  // The plan lists rows in file order, so the cursor means the same rows on every call.
  while (job.processed < plan.planned.length && Date.now() - started < BUDGET_MS) {
    const chunk = plan.planned.slice(job.processed, job.processed + 100);
    await inParallel(chunk, async (row) => {
      if (row.kind === 'unchanged') return;
      const residentId = row.residentId ?? residentIdFor(enclosureId, row.idHash);
      const resident = residentDocOf(row, enclosureId, floorOfRow(row), at, user._id);
      if (row.kind === 'changed') {
        // A phone the register no longer lists goes altogether (sealed, masked and hashed).
        const phone = row.phone
          ? { ...protectPhone(row.phone), phoneHash: hashPhone(row.phone) }
          : { phoneSealed: command.remove(), phoneMasked: command.remove(), phoneHash: command.remove() };
        await updateById('residents', residentId, {
          name: resident.name,
          maskedName: resident.maskedName,
          relation: resident.relation,
          ...phone,
        });
        return;
      }
      const orders = unitOrders.filter((o) => o.buildingId === row.buildingId && o.unit === row.unit);
      const facts = {
        registeredAt: at,
        verifiedAt: at,
        declarations: [],
        readings: [],
        unitOrders: orders.map((o) => ({ ...o, id: o._id })),
      };
      const { _id: _none, ...status } = { _id: '', ...statusDocFor(residentId, resident, facts, rules, at) };
      await Promise.all([
        replace('residents', residentId, resident),
        replace('statuses', residentId, status),
        replace('id_claims', row.idHash, { residentId }),
      ]);
      // In a unit under isolation (封控) the full recomputation opens their isolation order, so the
      // roster, care and release see them as they see everyone else.
      if (orders.length > 0) await recomputeStatus(residentId, at, rules, { refreshMap: false });
    });
    // Households after their members, written whole: new members, and heads the register changed.
    const touched = [...new Set(chunk.filter((r) => r.kind !== 'unchanged').map((r) => householdIdOf(r)))];
    await inParallel(touched, (householdId) => saveHousehold(householdId, households.get(householdId)!));
    job.processed += chunk.length;
    await updateById('import_jobs', jobId, { processed: job.processed });
  }
  if (job.processed < plan.planned.length) return progressOf(jobId, job);

  for (const buildingId of job.buildingIds) await refreshBuildingStats(buildingId, at);
  job.state = 'done';
  await updateById('import_jobs', jobId, { state: 'done', finishedAt: at });
  // One record per import, however many calls (or overlapping calls) finished it.
  await insertOnce('audit_logs', {
    _id: `aud-${jobId}`,
    at,
    actor: user._id,
    action: 'import_register',
    target: jobId,
    before: null,
    after: { enclosureId, created: job.created, updated: job.updated, unchanged: job.unchanged },
    note: '',
  });
  return progressOf(jobId, job);
}

function residentDocOf(row: PlannedRow, enclosureId: string, floor: number, at: Date, by: string) {
  const resident: ResidentDoc & { importedAt: Date; importedBy: string; phoneHash?: string } = {
    name: row.name,
    maskedName: maskName(row.name),
    householdId: householdIdOf(row),
    enclosureId,
    buildingId: row.buildingId,
    buildingName: row.buildingName,
    unit: row.unit,
    floor,
    room: row.room,
    relation: row.relation,
    birthYear: Number(row.idNumber.slice(6, 10)),
    idHash: row.idHash,
    idMasked: protectIdNumber(row.idNumber).idMasked,
    ...(row.phone ? { ...protectPhone(row.phone), phoneHash: hashPhone(row.phone) } : {}),
    registeredAt: at,
    // The street's own register, built door to door (一人一档): verified as it is imported.
    verifiedAt: at,
    verifiedBy: by,
    importedAt: at,
    importedBy: by,
  };
  return resident;
}

/** A household as the register describes it (the stored shape). */
type HouseholdPlan = HouseholdDoc;

function groupHouseholds(
  rows: PlannedRow[],
  enclosureId: string,
  floorOfRow: (row: PlannedRow) => number,
): Map<string, HouseholdPlan> {
  const households = new Map<string, HouseholdPlan>();
  for (const row of rows) {
    const id = householdIdOf(row);
    const residentId = row.residentId ?? residentIdFor(enclosureId, row.idHash);
    const household = households.get(id) ?? {
      enclosureId,
      buildingId: row.buildingId,
      unit: row.unit,
      floor: floorOfRow(row),
      room: row.room,
      headResidentId: '',
      memberIds: [],
    };
    household.memberIds.push(residentId);
    if (row.relation === 'head') household.headResidentId = residentId;
    households.set(id, household);
  }
  return households;
}

/** Writes the household whole, keeping members stored before (people who registered themselves). */
async function saveHousehold(householdId: string, planned: HouseholdPlan): Promise<void> {
  const stored = await findById<HouseholdPlan>('households', householdId);
  const memberIds = [...new Set([...(stored?.memberIds ?? []), ...planned.memberIds])];
  // The register's head, unless it names none for this flat (then whoever was head stays). A flat
  // whose head registered themselves and a file naming another is refused at the plan.
  const headResidentId = planned.headResidentId || stored?.headResidentId || '';
  const { _id: _ignored, ...rest } = stored ?? { _id: householdId };
  await replace('households', householdId, { ...rest, ...planned, headResidentId, memberIds });
}
