/** How a resident belongs to their household, as the pages name it (core/status-doc.ts Relation). */
export const RELATION_LABELS: Record<string, string> = { head: '户主', child: '子女', elder: '老人', member: '成员' };

export const relationLabel = (relation: string): string => RELATION_LABELS[relation] ?? '成员';
