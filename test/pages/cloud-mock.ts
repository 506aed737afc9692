/**
 * Imported by every page test. What miniprogram-simulate leaves out (PLATFORM.md §3): `wx.cloud`, `getApp`, `getCurrentPages`.
 * `wx.cloud.callFunction` answers from `cloudReplies`, which each test fills with what the function
 * would return, so pages are tested against the real contracts without a cloud.
 */
type Reply = unknown | ((data: Record<string, unknown>) => unknown);

const cloudReplies = new Map<string, Reply>();
const calls: { name: string; data: Record<string, unknown> }[] = [];

const globals = globalThis as unknown as Record<string, unknown>;
globals.getApp = () => ({ globalData: {} });
globals.getCurrentPages = () => [];

export function replyWith(fn: string, action: string, reply: Reply): void {
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

beforeEach(() => {
  cloudReplies.clear();
  calls.length = 0;
  const wxGlobal = (globals.wx ??= {}) as Record<string, unknown>;
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
