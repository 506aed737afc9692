/** Messages between the function runner and its worker instances. */
export interface InvokeMessage {
  type: 'invoke';
  invocationId: string;
  event: unknown;
  /** Becomes `cloud.getWXContext()` for this one request (via WX_* variables, as in the cloud). */
  wxContext: { OPENID?: string; APPID?: string; UNIONID?: string; SOURCE: string };
}

export type ResultMessage =
  | { type: 'result'; invocationId: string; ok: true; result: unknown }
  | { type: 'result'; invocationId: string; ok: false; message: string; stack?: string };

export interface WorkerInit {
  functionDir: string;
}
