/**
 * The only place the mini-program calls the cloud. Every call names a function and an action
 * from the shared contracts and answers an Envelope; a network or platform failure becomes an
 * envelope too, so pages handle one shape.
 */
import type { Contracts, Envelope, FunctionName } from '../../typings';

type Request<F extends FunctionName, A extends keyof Contracts[F]> = Contracts[F][A] extends { request: infer R }
  ? R
  : never;
type Response<F extends FunctionName, A extends keyof Contracts[F]> = Contracts[F][A] extends { response: infer R }
  ? R
  : never;

/** Omit over each member of a union (a request may be one of several shapes, e.g. export's kinds). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export async function call<F extends FunctionName, A extends keyof Contracts[F] & string>(
  name: F,
  action: A,
  payload: OmitEach<Request<F, A>, 'action'>,
): Promise<Envelope<Response<F, A>>> {
  try {
    const res = await wx.cloud.callFunction({ name, data: { ...payload, action } });
    const envelope = res.result as Envelope<Response<F, A>> | undefined;
    if (!envelope || typeof envelope !== 'object' || !('code' in envelope)) {
      return { code: 'INTERNAL', data: null, message: '服务返回异常，请稍后重试' };
    }
    return envelope;
  } catch (err) {
    console.error(`[cloud] ${name}.${action} failed`, err);
    // No answer at all: the network (the gate then judges offline, scan page).
    return { code: 'UNAVAILABLE', data: null, message: '网络异常，请检查网络后重试' };
  }
}
