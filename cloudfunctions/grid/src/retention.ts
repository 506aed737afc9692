/**
 * 数据保留: gate logs, check-ins, declarations and the other personal records are deleted once
 * older than the configured retention (default 28 days), in bounded batches. Runs nightly (timer
 * trigger) as part of the nightly job, server-side only, and reports how many it removed of each.
 */
import { DAY_MS, cstDateOf } from '../../../core/time';
import { cloud } from '../../../server/cloud';
import { now } from '../../../server/clock';
import { findMany, removeWhere } from '../../../server/db';
import type { Def } from '../../../server/action';
import { input } from '../../../server/schema';
import { DEFAULT_RULES } from '../../../core/rule-config';
import { recountAfter } from '../../../server/building-stats';
import { budgetInput, deadlineOf, openJob, saveJob } from '../../../server/jobs';
import { currentRules } from '../../../server/status';

/** Collection → the field holding the moment a record was made. */
export const RETAINED = {
  gate_logs: 'at',
  checkins: 'at',
  declarations: 'at',
  alerts: 'at',
  missed_checkins: 'windowEnd',
  reminders: 'at',
  visitor_exceptions: 'validUntil',
  // Staff invitations: expired ones open nothing (kept the retention period for the lists); the audit log keeps who accepted what.
  invitations: 'expiresAt',
  claim_attempts: 'expireAt',
  // 爱心码: a card that ended (expired) the retention period ago; the audit log keeps its issue and revocation.
  pass_cards: 'expiresAt',
  // 车辆登记: a supply vehicle past its days (its driver's masked name and phone go with it), a car removed.
  vehicles: 'endedAt',
  // 核酸 samples and results, and 健康驿站 stays once ended (an open stay's lastAt is far ahead).
  health_tests: 'sampledAt',
  station_stays: 'lastAt',
  followups: 'createdAt',
  // 关爱对象's visits and calls (the plan itself stays while the care lasts; care.unenrol removes it).
  care_contacts: 'at',
  // Who opened a notice (the notices themselves hold no personal data; the inbox shows 30 days).
  notice_reads: 'at',
  // 隐患与线索: a report the retention period after it was closed (an open one stays until handled).
  clues: 'closedAt',
  clue_quota: 'at',
  // 值守与巡查: shifts and round checks once past (the missed list looks back 7 days).
  duty_shifts: 'endAt',
  round_checks: 'due',
  round_plans: 'untilAt',
  // 导出: where a gate-log export stood (the sheet itself stays in storage; the audit log keeps who exported it).
  export_jobs: 'startedAt',
} as const;

/** Records that name a file in storage (a gate-log export's sheet): the file goes with the record. */
const FILES: Partial<Record<keyof typeof RETAINED, string>> = { export_jobs: 'fileID' };
/** Files per deleteFile call (CloudBase takes up to 50 a call for its file APIs). */
const FILES_PER_CALL = 50;

/** Ids per delete: a page of expired documents, then one remove of exactly those (bounded work). */
export const DELETE_BATCH = 500;

export const retention = {
  who: 'server',
  input: input(budgetInput),
  run: async ({ budgetMs }) => {
    const deadline = deadlineOf(budgetMs);
    const progress = await freshRetention(now());
    const finished = await removeExpiredUntil(progress, deadline);
    return { retentionDays: progress.retentionDays, cutoff: progress.cutoff, removed: progress.removed, finished };
  },
} satisfies Def<'grid', 'retention'>;

interface RetentionProgress {
  retentionDays: number;
  /** Fixed when the run starts, so every slice of one run deletes the same records. */
  cutoff: string;
  /** The position in RETAINED of the collection being deleted from. */
  collection: number;
  removed: Record<string, number>;
}

async function freshRetention(at: Date): Promise<RetentionProgress> {
  const rules = await currentRules();
  // Published with the rules (admin.publishRules); versions from before it existed keep the default.
  const retentionDays = rules.retentionDays ?? DEFAULT_RULES.retentionDays!;
  const cutoff = new Date(at.getTime() - retentionDays * DAY_MS).toISOString();
  const removed = Object.fromEntries(Object.keys(RETAINED).map((name) => [name, 0]));
  return { retentionDays, cutoff, collection: 0, removed };
}

/**
 * Deletes expired records collection by collection, a batch at a time, by each one's indexed time
 * field, until the deadline; answers true once every collection is clear. No cursor is needed
 * within a collection: what was deleted no longer matches.
 */
async function removeExpiredUntil(progress: RetentionProgress, deadline: number): Promise<boolean> {
  const collections = Object.entries(RETAINED);
  const cutoff = new Date(progress.cutoff);
  while (progress.collection < collections.length) {
    if (Date.now() >= deadline) return false;
    const [name, field] = collections[progress.collection];
    const expired = { [field]: { $lt: cutoff } };
    const fileField = FILES[name as keyof typeof RETAINED];
    const fields = { _id: true, ...(fileField ? { [fileField]: true } : {}) };
    const batch = await findMany<Record<string, unknown>>(name, expired, { limit: DELETE_BATCH, fields });
    // Files first: a run killed in between deletes them again (a missing file is no error) and then the records.
    if (fileField) await removeFiles(batch.flatMap((d) => (typeof d[fileField] === 'string' ? [d[fileField]] : [])));
    if (batch.length > 0)
      // The condition again: a record changed since it was read (a clue reopened) stays.
      progress.removed[name] += await removeWhere(name, { ...expired, _id: { $in: batch.map((d) => d._id) } });
    if (batch.length < DELETE_BATCH) progress.collection++;
  }
  return true;
}

async function removeFiles(fileIDs: string[]): Promise<void> {
  for (let i = 0; i < fileIDs.length; i += FILES_PER_CALL)
    await cloud.deleteFile({ fileList: fileIDs.slice(i, i + FILES_PER_CALL) });
}

type NightlyProgress = RetentionProgress & {
  phase: 'retention' | 'recount';
  /** The last building recounted, in `_id` order. */
  cursor: string | null;
  recounted: number;
};

/**
 * The nightly timer: retention, then a recount of the map (repairs any drift, and counts what
 * time alone changes), one slice per invocation. The trigger fires every 5 minutes from 03:00 to
 * 05:55; the night's first invocation starts the run, later ones go on, and once it is done they
 * answer its totals (one read).
 */
export const nightly = {
  who: 'server',
  input: input(budgetInput),
  run: ({ budgetMs }) => runNightly(deadlineOf(budgetMs)),
} satisfies Def<'grid', 'nightly'>;

async function runNightly(deadline: number) {
  const at = now();
  const job = await openJob<NightlyProgress>(
    'nightly',
    cstDateOf(at),
    async () => ({ ...(await freshRetention(at)), phase: 'retention', cursor: null, recounted: 0 }),
    at,
  );
  const p = job.progress;
  if (!job.done) {
    if (p.phase === 'retention' && (await removeExpiredUntil(p, deadline))) p.phase = 'recount';
    if (p.phase === 'recount')
      job.done = await recountAfter(p.cursor, at, deadline, async (last, count) => {
        p.cursor = last;
        p.recounted += count;
        await saveJob(job, now());
      });
    await saveJob(job, now());
  }
  return {
    run: job.run,
    done: job.done,
    invocations: job.invocations,
    retentionDays: p.retentionDays,
    cutoff: p.cutoff,
    removed: p.removed,
    finished: p.phase === 'recount',
    recountedBuildings: p.recounted,
  };
}
