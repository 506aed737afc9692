/**
 * Imported by every page test. What miniprogram-simulate leaves out (PLATFORM.md §3): `wx.cloud`, `getApp`, `getCurrentPages`.
 * `wx.cloud.callFunction` answers from `cloudReplies`, which each test fills with what the function
 * would return, so pages are tested against the real contracts without a cloud.
 */
import type { ActionOf, Contracts, Envelope, ErrorCode, FunctionName } from '../../typings';

/** The envelope `fn.action` answers, by its contract. */
export type Answer<F extends FunctionName, A extends ActionOf<F>> = Envelope<
  Contracts[F][A] extends { response: infer R } ? R : never
>;
/** What the function would answer, typed by its contract (or computed from the call's data). */
type Reply<F extends FunctionName, A extends ActionOf<F>> =
  Answer<F, A> | ((data: Record<string, unknown>) => Answer<F, A>);

const cloudReplies = new Map<string, unknown>();
const calls: { name: string; data: Record<string, unknown> }[] = [];
const toasts: { title: string; icon?: string }[] = [];

const globals = globalThis as unknown as Record<string, unknown>;
globals.getApp = () => ({ globalData: {} });
globals.getCurrentPages = () => [];

/** A success envelope; its literals stay literal, so a fixture built apart from `replyWith` still fits its contract. */
export const ok = <T>(data: T) => ({ code: 0 as const, message: 'ok' as const, data });
/** A refusal as `AppError` sends it (server/errors.ts). */
export const fail = (code: ErrorCode, message: string, field?: string) => ({
  code,
  data: null,
  message,
  ...(field ? { field } : {}),
});

// NoInfer: fn and action pick the contract; the reply is then checked against it, not used to infer it.
export function replyWith<F extends FunctionName, A extends ActionOf<F>>(
  fn: F,
  action: A,
  reply: NoInfer<Reply<F, A>>,
): void {
  cloudReplies.set(`${fn}.${action}`, reply);
}
export function failNetwork(fn: string, action: string): void {
  cloudReplies.set(`${fn}.${action}`, () => {
    throw Object.assign(new Error('request:fail'), { errCode: -1 });
  });
}
export function cloudCalls() {
  return calls;
}
/** Every toast the page showed in this test, in order. */
export function shownToasts() {
  return toasts;
}

beforeEach(() => {
  cloudReplies.clear();
  calls.length = 0;
  toasts.length = 0;
  const wxGlobal = (globals.wx ??= {}) as Record<string, unknown>;
  wxGlobal.showToast = (t: { title: string; icon?: string }) => toasts.push({ title: t.title, icon: t.icon });
  wxGlobal.cloud = {
    init: () => undefined,
    callFunction: async ({ name, data }: { name: string; data: Record<string, unknown> }) => {
      calls.push({ name, data });
      const reply = cloudReplies.get(`${name}.${String(data.action)}`);
      if (reply === undefined) throw new Error(`no reply set for ${name}.${String(data.action)}`);
      const result = typeof reply === 'function' ? (reply as (d: Record<string, unknown>) => unknown)(data) : reply;
      return { result, errMsg: 'cloud.callFunction:ok' };
    },
  };
});
