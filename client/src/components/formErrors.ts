/** Turns zod issues into one message per form field, in the reader's language. */
import type { TFunction } from 'i18next';
import type { ZodError } from 'zod';
import { isApiError } from '@client/api';

type Issue = ZodError['issues'][number];
export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function issueMessage(issue: Issue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 ? t('errors.field.required') : t('errors.field.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('errors.field.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('errors.field.email') : t('errors.field.invalid');
    default:
      return t('errors.field.invalid');
  }
}

/**
 * The first issue per field wins. `custom` names messages for refinements (issue code `custom`)
 * whose meaning only the form knows.
 */
export function fieldErrorsFromZod<K extends string>(error: ZodError, t: TFunction, custom: FieldErrors<K> = {}): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '') as K;
    if (errors[field]) continue;
    errors[field] = (issue.code === 'custom' ? custom[field] : undefined) ?? issueMessage(issue, t);
  }
  return errors;
}

/** Fields left empty, as "required" errors; checked before the schema so the message is plain. */
export function requiredErrors<K extends string>(values: Record<K, string>, t: TFunction): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const key of Object.keys(values) as K[]) {
    if (values[key].trim() === '') errors[key] = t('errors.field.required');
  }
  return errors;
}

/**
 * A 400 from the server that names one of this form's fields (`body.email`), as that field's
 * error; null for anything else, which the form shows as a whole-form message.
 */
export function serverFieldError<K extends string>(error: unknown, fields: readonly K[], t: TFunction): FieldErrors<K> | null {
  if (!isApiError(error) || error.status !== 400) return null;
  const field = fields.find((f) => f === error.formField);
  return field ? ({ [field]: t('errors.serverField', { message: error.detail }) } as FieldErrors<K>) : null;
}
