/**
 * `admin`: the street office's rule parameters. A change is a new version (never an edit), checked
 * before it is stored and audited; statuses record the version that produced them, and the next
 * recomputation of each resident uses the newest version.
 */
import { RuleConfig, ruleConfigProblems } from '../../../core/rule-config';
import { currentCaller } from '../../../server/cloud';
import { now } from '../../../server/clock';
import { insert, insertOnce } from '../../../server/db';
import { AppError } from '../../../server/errors';
import { Caller, createMain } from '../../../server/handler';
import { currentRules } from '../../../server/status';
import { requireRole } from '../../../server/users';

async function getRules(_payload: unknown, caller: Caller): Promise<RuleConfig> {
  await requireRole(caller, 'admin', '仅街道管理员可以查看规则参数');
  return currentRules();
}

async function publishRules(payload: Record<string, unknown>, caller: Caller): Promise<RuleConfig> {
  const admin = await requireRole(caller, 'admin', '仅街道管理员可以修改规则参数');
  const current = await currentRules();
  const proposed = payload.rules as Partial<RuleConfig> | undefined;
  if (!proposed || typeof proposed !== 'object') throw new AppError('INVALID_ARGUMENT', '请提供规则参数', 'rules');
  const next: RuleConfig = {
    version: current.version + 1,
    keyAreas: Array.isArray(proposed.keyAreas) ? proposed.keyAreas : current.keyAreas,
    isolationDays: proposed.isolationDays ?? current.isolationDays,
    feverThresholdCelsius: proposed.feverThresholdCelsius ?? current.feverThresholdCelsius,
    declarationValidityHours: proposed.declarationValidityHours ?? current.declarationValidityHours,
    healthStationDays: proposed.healthStationDays ?? current.healthStationDays,
    outingQuota: proposed.outingQuota ?? current.outingQuota,
  };
  const problems = ruleConfigProblems(next);
  if (problems.length > 0)
    throw new AppError(
      'INVALID_ARGUMENT',
      problems[0],
      'rules',
      problems.map((message) => ({ field: 'rules', message })),
    );
  const at = now();
  // The version is the id: two admins publishing at once cannot both become version n+1.
  if (
    !(await insertOnce('rule_configs', { _id: `v${next.version}`, ...next, publishedBy: admin._id, publishedAt: at }))
  ) {
    throw new AppError('CONFLICT', '规则刚被他人修改，请刷新后重试');
  }
  await insert('audit_logs', {
    at,
    actor: admin._id,
    action: 'publish_rules',
    before: { version: current.version },
    after: next,
    note: String(payload.note ?? ''),
  });
  return next;
}

export const main = createMain('admin', { getRules, publishRules }, currentCaller);
