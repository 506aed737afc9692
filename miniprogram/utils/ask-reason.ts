/**
 * A decision that needs a written reason (the resident or the record reads it): WeChat's editable
 * modal, then at least 2 characters. Answers the trimmed reason, or null when the worker backed
 * out or wrote too little (then `tooShort` is shown as a toast).
 */
import { showProblem } from './toast';

export interface ReasonPrompt {
  title: string;
  placeholder: string;
  confirmText: string;
  cancelText?: string;
  /** e.g. 请填写作废原因（至少 2 个字） */
  tooShort: string;
}

export async function askReason(prompt: ReasonPrompt): Promise<string | null> {
  const answer = await wx.showModal({
    title: prompt.title,
    editable: true,
    placeholderText: prompt.placeholder,
    confirmText: prompt.confirmText,
    cancelText: prompt.cancelText ?? '再想想',
  });
  if (!answer.confirm) return null;
  const reason = (answer.content ?? '').trim();
  if (reason.length < 2) {
    showProblem(prompt.tooShort);
    return null;
  }
  return reason;
}
