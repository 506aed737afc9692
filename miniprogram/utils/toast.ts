/**
 * The one way pages tell the user how an action went: a short toast, with WeChat's tick for a
 * success (its title shows about 7 characters, so success titles stay short) and plain text for a
 * refusal, whose message the server wrote for people.
 */
export function showDone(title: string): void {
  wx.showToast({ title, icon: 'success' });
}

/** Plain text, up to two lines: for news longer than the tick's few characters. */
export function showNote(text: string): void {
  wx.showToast({ title: text, icon: 'none' });
}

/** A refusal or a missing field, in the words the server or the form gave. */
export function showProblem(message: string): void {
  showNote(message);
}

/** Toasts how an action ended; true when it succeeded, so the caller can go on. */
export function showOutcome(res: { code: unknown; message: string }, doneTitle: string): boolean {
  if (res.code === 0) showDone(doneTitle);
  else showProblem(res.message);
  return res.code === 0;
}
