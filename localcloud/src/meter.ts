/**
 * Counts database operations the way CloudBase bills and throttles them: one per request to the
 * database, by kind and collection, in total and per function invocation. Later budgets
 * ("a gate scan costs at most 3 operations") are asserted in these units.
 */
import { DbOperation } from './protocol';

export interface OperationCounts {
  reads: number;
  writes: number;
  other: number;
  /** Documents examined to answer: a large number for few reads means a missing index. */
  scanned: number;
  byCollection: Record<string, { reads: number; writes: number }>;
}

export interface InvocationRecord {
  id: string;
  functionName: string;
  openid?: string;
  parentId?: string;
  startedAt: number;
  durationMs?: number;
  ok?: boolean;
  errorCode?: string;
  ops: OperationCounts;
}

export const emptyCounts = (): OperationCounts => ({ reads: 0, writes: 0, other: 0, scanned: 0, byCollection: {} });

export function totalOperations(counts: OperationCounts): number {
  return counts.reads + counts.writes + counts.other;
}

function add(counts: OperationCounts, op: DbOperation): void {
  if (op.kind === 'read') counts.reads++;
  else if (op.kind === 'write') counts.writes++;
  else counts.other++;
  counts.scanned += op.scanned;
  if (op.collection && op.kind !== 'other') {
    const entry = (counts.byCollection[op.collection] ??= { reads: 0, writes: 0 });
    if (op.kind === 'read') entry.reads++;
    else entry.writes++;
  }
}

export class Meter {
  total = emptyCounts();
  /** Filtered queries that found no index: "collection: field+field" → how many times. */
  unindexed: Record<string, number> = {};
  private readonly invocations = new Map<string, InvocationRecord>();

  constructor(private readonly keep = 5000) {}

  record(op: DbOperation, invocationId?: string): void {
    add(this.total, op);
    const invocation = invocationId ? this.invocations.get(invocationId) : undefined;
    if (invocation) add(invocation.ops, op);
  }

  begin(record: Omit<InvocationRecord, 'ops'>): InvocationRecord {
    const full = { ...record, ops: emptyCounts() };
    this.invocations.set(record.id, full);
    if (this.invocations.size > this.keep) this.invocations.delete(this.invocations.keys().next().value as string);
    return full;
  }

  invocation(id: string): InvocationRecord | undefined {
    return this.invocations.get(id);
  }

  recent(limit = 100): InvocationRecord[] {
    return [...this.invocations.values()].slice(-limit);
  }

  reset(): void {
    this.total = emptyCounts();
    this.unindexed = {};
    this.invocations.clear();
  }
}
