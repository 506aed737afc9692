/**
 * Input checks shared by the functions (authoritative) and the pages (early feedback). Each
 * failure names the field and says what is wrong in Chinese, so the form can show it there.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class Invalid extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/** Collects field errors; `done()` throws them all at once, so a form shows every problem. */
export class Checker {
  readonly errors: FieldError[] = [];

  fail(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  done(): void {
    if (this.errors.length > 0) throw new Invalid(this.errors);
  }

  text(field: string, value: unknown, label: string, { min = 1, max = 50 } = {}): string {
    if (typeof value !== 'string' || value.trim().length < min) {
      this.fail(field, `请填写${label}`);
      return '';
    }
    if (value.trim().length > max) this.fail(field, `${label}不能超过${max}个字`);
    return value.trim();
  }

  number(field: string, value: unknown, label: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(field, `请填写${label}`);
      return NaN;
    }
    if (value < min || value > max) this.fail(field, `${label}应在 ${min}–${max} 之间`);
    return value;
  }

  /** A whole number in [min, max]: 1.5, '3', [3] and 1e-7 are refused, not rounded or coerced. */
  integer(field: string, value: unknown, label: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail(field, typeof value === 'number' && Number.isFinite(value) ? `${label}应为整数` : `请填写${label}`);
      return NaN;
    }
    if (value < min || value > max) this.fail(field, `${label}应在 ${min}–${max} 之间`);
    return value;
  }

  /** A document id as the functions make them (letters, digits, `-`, `_`): never an object or an operator. */
  id(field: string, value: unknown, label: string): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      this.fail(field, `${label}无效`);
      return '';
    }
    return value;
  }

  /** Refuses keys the action does not know, so a typo or an injected field is never silently ignored. */
  onlyKeys(value: object, allowed: readonly string[], prefix = ''): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        this.fail(prefix ? `${prefix}.${key}` : key, `不支持的字段：${key || '（空字段名）'}`);
    }
  }

  date(field: string, value: unknown, label: string, { notAfter }: { notAfter?: Date } = {}): Date {
    const date =
      typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : value instanceof Date
          ? value
          : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      this.fail(field, `请填写${label}`);
      return new Date(NaN);
    }
    if (notAfter && date.getTime() > notAfter.getTime() + 60_000) this.fail(field, `${label}不能晚于现在`);
    return date;
  }

  oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[], label: string): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(field, `${label}无效`);
      return allowed[0];
    }
    return value as T;
  }

  requestId(value: unknown): string {
    if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(value)) {
      this.fail('requestId', '请求编号无效，请刷新后重试');
      return '';
    }
    return value;
  }
}

/** Ids are short words of letters, digits, `-` and `_` (`res-…`, `b-chunhua-3`, `enc-lixin`). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export { isValidIdNumber, isValidMobile } from '../miniprogram/shared/identity';
