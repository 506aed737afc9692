/**
 * Scheduled work that grows with the district, done in slices. CloudBase stops a function at its
 * timeout, so each invocation works until its deadline (under half the timeout), keeps its place in
 * `jobs` (one document per job), and the next timer invocation goes on from there. An invocation
 * that dies before saving its place makes the next one redo that slice, never skip it: every step
 * of a job must be safe to repeat (a recount, a conditional insert, a delete by id).
 */
import { findById, replace } from './db';
import { int, v } from './schema';

export interface Job<P> {
  _id: string;
  /** Which run this is (the day of a nightly job, the quarter-hour of the quarantine timer). */
  run: string;
  done: boolean;
  progress: P;
  invocations: number;
  startedAt: Date;
  updatedAt: Date;
}

/**
 * How long one invocation may work, in ms: under half of the 20 s timeout the timers' functions
 * have, leaving the other half for the slowest step begun just before the deadline and for the
 * answer. A server caller (a test, an operator) may only shorten it.
 */
export const JOB_BUDGET_MS = 8_000;

/** A job action's input: the budget a server caller may give, at most JOB_BUDGET_MS. */
export const budgetInput = { budgetMs: v.optional(int('时间预算', 50, JOB_BUDGET_MS)) };

export function deadlineOf(budgetMs: number | undefined, start = Date.now()): number {
  return start + Math.min(budgetMs ?? JOB_BUDGET_MS, JOB_BUDGET_MS);
}

/** The job's document for this run: where the last invocation stopped, or a fresh start. */
export async function openJob<P>(id: string, run: string, fresh: () => P | Promise<P>, at: Date): Promise<Job<P>> {
  const stored = await findById<Job<P>>('jobs', id);
  const job =
    stored && stored.run === run
      ? stored
      : { _id: id, run, done: false, progress: await fresh(), invocations: 0, startedAt: at, updatedAt: at };
  // Counted once it works: answering a finished run's totals is not one of the run's invocations.
  return job.done ? job : { ...job, invocations: job.invocations + 1 };
}

/** Saves the job's place (one write); the next invocation of the same run starts there. */
export async function saveJob<P>(job: Job<P>, at: Date): Promise<void> {
  const { _id, ...rest } = job;
  await replace('jobs', _id, { ...rest, updatedAt: at });
}
