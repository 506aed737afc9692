/**
 * Input schemas for actions (valibot: ~7 KB minified for a form's worth of checks, against ~90 KB
 * for zod 4, so the mini-program can share them later). Every builder answers in Chinese and names
 * the field; objects are strict (an unknown key is refused, never ignored); whole numbers are whole
 * (1.5, '1' and [1] are refused, not coerced); ids match their pattern, so an operator object such as
 * `{ $ne: '' }` never reaches a query.
 */
import * as v from 'valibot';
import { ID_PATTERN, Invalid, isValidIdNumber, isValidMobile } from '../core/validate';

export { v };

/** What the fallback says when a builder gave no message (nested shapes, unexpected types). */
function fallbackMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'strict_object' && issue.expected === 'never') return `不支持的字段：${keyName(issue.input)}`;
  if (issue.input === undefined) return '缺少必填项';
  switch (issue.type) {
    case 'string':
      return '应为文字';
    case 'number':
      return '应为数字';
    case 'integer':
      return '应为整数';
    case 'array':
      return '应为列表';
    case 'boolean':
      return '应为是或否';
    default:
      return '格式无效';
  }
}
v.setGlobalMessage(fallbackMessage);

const keyName = (key: unknown) => (typeof key === 'string' && key ? key.slice(0, 32) : '（空字段名）');

type Labelled<S> = S & { label: string };
const labelled = <S extends object>(schema: S, label: string): Labelled<S> => Object.assign(schema, { label });

/** Trimmed text of `min`–`max` characters. */
export const text = (label: string, { min = 1, max = 50 } = {}) =>
  labelled(
    v.pipe(
      v.string(`请填写${label}`),
      v.trim(),
      v.minLength(min, min <= 1 ? `请填写${label}` : `${label}至少${min}个字`),
      v.maxLength(max, `${label}不能超过${max}个字`),
    ),
    label,
  );

/** A whole number in [min, max]. */
export const int = (label: string, min: number, max: number) =>
  labelled(
    v.pipe(
      v.number(`请填写${label}`),
      v.integer(`${label}应为整数`),
      v.minValue(min, `${label}应在 ${min}–${max} 之间`),
      v.maxValue(max, `${label}应在 ${min}–${max} 之间`),
    ),
    label,
  );

/** A finite number in [min, max] (a temperature). */
export const num = (label: string, min: number, max: number) =>
  labelled(
    v.pipe(
      v.number(`请填写${label}`),
      v.finite(`请填写${label}`),
      v.minValue(min, `${label}应在 ${min}–${max} 之间`),
      v.maxValue(max, `${label}应在 ${min}–${max} 之间`),
    ),
    label,
  );

/** A document id as the functions make them. */
export const id = (label: string) =>
  labelled(v.pipe(v.string(`${label}无效`), v.regex(ID_PATTERN, `${label}无效`)), label);

/** A moment as a phone sends it: ISO 8601 with its zone, e.g. 2026-12-02T08:00:00.000Z. */
export const instant = (label: string) =>
  labelled(v.pipe(v.string(`${label}无效`), v.isoTimestamp(`${label}无效`)), label);

/** A code people choose (the street's own numbering, e.g. enc-chunhua): lower case, digits, hyphens. */
export const code = (label: string) =>
  labelled(
    v.pipe(v.string(`${label}无效`), v.regex(/^[a-z][a-z0-9-]{2,39}$/, `${label}应为 3–40 位小写字母、数字或连字符`)),
    label,
  );

/** One per form submission, so a retry is recognised. */
export const requestId = () =>
  labelled(
    v.pipe(v.string('请求编号无效，请刷新后重试'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效，请刷新后重试')),
    '请求编号',
  );

export const oneOf = <const T extends readonly [string, ...string[]]>(label: string, values: T) =>
  labelled(v.picklist(values, `${label}无效`), label);

export const idNumber = () =>
  labelled(
    v.pipe(
      v.string('请填写身份证号'),
      v.trim(),
      v.minLength(1, '请填写身份证号'),
      v.maxLength(18, '身份证号格式不正确'),
      v.check(isValidIdNumber, '身份证号格式不正确'),
    ),
    '身份证号',
  );

export const mobile = () =>
  labelled(
    v.pipe(
      v.string('请填写手机号'),
      v.trim(),
      v.minLength(1, '请填写手机号'),
      v.check(isValidMobile, '手机号格式不正确'),
    ),
    '手机号',
  );

/** A list of at most `max` items. */
export const list = <S extends v.GenericSchema>(label: string, item: S, max: number) =>
  labelled(v.pipe(v.array(item, `${label}格式无效`), v.maxLength(max, `${label}最多${max}项`)), label);

/**
 * An action's input: the named fields (wrap optional ones in `v.optional`), `action` itself, and
 * nothing else. A missing field is answered with its label (请填写…), an unknown one by name.
 */
export function input<E extends v.ObjectEntries>(entries: E) {
  const labels = new Map(Object.entries(entries).map(([key, s]) => [key, (s as Partial<Labelled<object>>).label]));
  return v.strictObject({ action: v.optional(v.string()), ...entries }, (issue) => {
    if (issue.expected === 'never') return `不支持的字段：${keyName(issue.input)}`;
    const key = issue.expected?.replace(/^"|"$/g, '');
    if (issue.input === undefined && key && labels.has(key)) return `请填写${labels.get(key) ?? key}`;
    return '请求格式无效';
  });
}

/**
 * A whole input checked by one of core's field-by-field validators (a declaration, a batch, a rule
 * change), as a schema: its field errors become the schema's issues. The input passes through as
 * the contract's request `T` (the validator is what makes that claim true); `run` converts it.
 */
export function validatedBy<T>(validate: (raw: Record<string, unknown>) => unknown): v.GenericSchema<T, T> {
  return v.pipe(
    v.looseObject({}, '请求格式无效'),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      try {
        validate(dataset.value as Record<string, unknown>);
      } catch (err) {
        if (!(err instanceof Invalid)) throw err;
        for (const e of err.errors) {
          const [first, ...rest] = e.field.split('.').map((key) => pathItem(key));
          addIssue({ message: e.message, path: [first, ...rest] });
        }
      }
    }),
  ) as unknown as v.GenericSchema<T, T>;
}

const pathItem = (key: string): v.ObjectPathItem => ({
  type: 'object',
  origin: 'value',
  input: {},
  key,
  value: undefined,
});
