/**
 * The shape of every cloud function: `main(event)` routes `event.action` to a handler, gives it
 * the trusted caller (OPENID from the WeChat context, never from the event), and turns the
 * outcome into an `Envelope`. Unexpected errors are logged without the event (it may hold
 * personal data) and answered as INTERNAL.
 */
import type { Envelope } from '../typings';
import { Invalid } from '../core/validate';
import { AppError, fromInvalid } from './errors';
import { isTransactionConflict } from './transaction';

export interface Caller {
  openid: string | undefined;
}

export type ActionHandler = (payload: Record<string, unknown>, caller: Caller) => Promise<unknown>;

export function createMain(
  functionName: string,
  actions: Record<string, ActionHandler>,
  getCaller: () => Caller,
  /** The action a timer trigger runs: CloudBase calls with `{ Type: 'Timer', TriggerName, Time }`. */
  timerAction?: string,
): (event: unknown) => Promise<Envelope<unknown>> {
  return async (event) => {
    // CloudBase adds `userInfo` (appId, openId) to a client's event; it is not input, and the
    // trusted OPENID comes from the WeChat context, never from the event.
    const { userInfo: _platform, ...payload } = (event && typeof event === 'object' ? event : {}) as Record<
      string,
      unknown
    >;
    const action = payload.Type === 'Timer' && timerAction ? timerAction : payload.action;
    try {
      if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(actions, action)) {
        throw new AppError('UNKNOWN_ACTION', `未知操作：${describe(action)}`);
      }
      const data = await actions[action](payload, getCaller());
      return { code: 0, data, message: 'ok' };
    } catch (caught) {
      const err = caught instanceof Invalid ? fromInvalid(caught) : caught;
      if (err instanceof AppError) {
        return {
          code: err.code,
          data: null,
          message: err.message,
          ...(typeof err.field === 'string' ? { field: err.field } : {}),
          ...(err.errors ? { errors: err.errors } : {}),
        };
      }
      if (isTransactionConflict(err)) {
        // Others changed the same records at the same moment and the SDK's retries ran out.
        return { code: 'CONFLICT', data: null, message: '同时操作的人较多，请稍后重试' };
      }
      console.error(`[${functionName}] ${describe(action)} failed: ${(err as Error)?.stack ?? String(err)}`);
      return { code: 'INTERNAL', data: null, message: '服务暂时不可用，请稍后重试' };
    }
  };
}

/** An action name fit to echo: a string cut to 32 characters, anything else by its type (never String(x), which can throw). */
function describe(action: unknown): string {
  return typeof action === 'string' ? (action.length > 32 ? `${action.slice(0, 32)}…` : action) : typeof action;
}
