/** How a 关爱对象's next contact reads on the lists (关爱对象, 关爱走访): overdue, today, or its day. */
import type { CareSubject } from '../../typings';

export function dueText(s: Pick<CareSubject, 'overdueDays' | 'dueToday' | 'nextDueOn' | 'wayName'>): string {
  if (s.overdueDays > 0) return `已逾期 ${s.overdueDays} 天未联系`;
  if (s.dueToday) return `今日应${s.wayName}`;
  return `下次${s.wayName}：${s.nextDueOn}`;
}
