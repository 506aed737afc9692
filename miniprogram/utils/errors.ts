import type { Failure } from '../../typings';

/** A refusal's messages by field, for showing beside each field; `form` when none is named. */
export function fieldErrors(failure: Failure): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const e of failure.errors ?? [{ field: failure.field ?? 'form', message: failure.message }])
    errors[e.field] = e.message;
  return errors;
}
