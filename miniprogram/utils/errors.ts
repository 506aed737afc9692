import type { Failure } from '../../typings';

/** A refusal's messages by field, for showing beside each field; `form` when none is named. */
export function fieldErrors(failure: Failure): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const e of failure.errors ?? [{ field: failure.field ?? 'form', message: failure.message }])
    errors[e.field] = e.message;
  return errors;
}

/**
 * The errors as a form draws them: those of fields without a line of their own (`shown` lists the
 * fields that have one; the rest are a stale request id, a building, a member) join `form`.
 */
export function placedErrors(errors: Record<string, string>, shown: readonly string[]): Record<string, string> {
  const elsewhere = Object.keys(errors).filter((field) => !shown.includes(field));
  if (elsewhere.length) errors.form = elsewhere.map((field) => errors[field]).join('；');
  return errors;
}
