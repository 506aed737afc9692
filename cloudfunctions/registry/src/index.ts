/**
 * `registry`: importing the register a street or 社区 already keeps (一人一档), one enclosure at a
 * time: a template to fill in, a dry run that names every problem by row and column and writes
 * nothing, then the import in resumable chunks.
 */
import { Def, defineFunction } from '../../../server/action';
import { id, input, requestId, text } from '../../../server/schema';
import { applyImport } from './apply';
import { missingView, enclosureToImport, planImport } from './plan';
import { templateFile } from './template';
import { idFor } from '../../../server/ids';

const ADMINS = ['admin', 'community_admin'] as const;
const DENIED = '仅街道或社区管理员可以导入住户名册';
const file = { fileID: text('文件', { max: 512 }), enclosureId: id('围合区') };

const template = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({}),
  run: () => templateFile(),
} satisfies Def<'registry', 'template'>;

const check = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input(file),
  async run({ fileID, enclosureId }, { user }) {
    await enclosureToImport(user, enclosureId);
    const plan = await planImport(enclosureId, fileID);
    const count = (kind: string) => plan.planned.filter((r) => r.kind === kind).length;
    return {
      rows: plan.rows,
      problems: plan.problems.slice(0, 500),
      problemCount: plan.problems.length,
      newRows: count('new'),
      changedRows: count('changed'),
      unchangedRows: count('unchanged'),
      missing: plan.missing.slice(0, 200).map(missingView),
      missingCount: plan.missing.length,
    };
  },
} satisfies Def<'registry', 'check'>;

const apply = {
  who: 'staff',
  role: ADMINS,
  denied: DENIED,
  input: input({ requestId: requestId(), ...file }),
  async run({ requestId: rid, fileID, enclosureId }, { user }) {
    await enclosureToImport(user, enclosureId);
    return applyImport(user, idFor('imp', user._id, rid), enclosureId, fileID);
  },
} satisfies Def<'registry', 'apply'>;

export const main = defineFunction('registry', { template, check, apply });
