/** Messages between the function runner and its worker instances. */
export interface InvokeMessage {
  type: 'invoke';
  invocationId: string;
  event: unknown;
  /** Becomes `cloud.getWXContext()` for this one request (via WX_* variables, as in the cloud). */
  wxContext: { OPENID?: string; APPID?: string; UNIONID?: string; SOURCE: string };
  /** Read by the functions' clock (server/clock.ts) so tests can move time; 0 normally. */
  clockOffsetMs: number;
}

export type ResultMessage =
  | { type: 'result'; invocationId: string; ok: true; result: unknown }
  | { type: 'result'; invocationId: string; ok: false; message: string; stack?: string };

/** Sent once the function's module is loaded: its timeout runs from the handler call, not before. */
export interface ReadyMessage {
  type: 'ready';
}

export type WorkerMessage = ResultMessage | ReadyMessage;

export interface WorkerInit {
  functionDir: string;
}
