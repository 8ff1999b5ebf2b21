/**
 * Form errors keyed by where they belong: `title`, `endsAt`, `agenda.2.minutes`. Zod paths and
 * the server's `field` both become such keys, so one map feeds every input, nested ones included.
 */
import type { TFunction } from 'i18next';
import type { ZodError } from 'zod';
import { isApiError } from '@client/api';
import { issueMessage } from '@client/components/formErrors';

export type DraftErrors = Record<string, string>;

/** The first issue per path wins; `custom` names the messages of refinements only the form can phrase. */
export function draftErrorsFromZod(error: ZodError, t: TFunction, custom: Record<string, string> = {}): DraftErrors {
  const errors: DraftErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    if (errors[key]) continue;
    errors[key] = (issue.code === 'custom' ? custom[key] : undefined) ?? issueMessage(issue, t);
  }
  return errors;
}

/**
 * A 400/409 from the server that names a field this form shows (`body.endsAt`, `agenda.issueIds`),
 * as an error under that field or the nearest group; null when it names none.
 */
export function serverDraftError(error: unknown, groups: readonly string[], t: TFunction): DraftErrors | null {
  if (!isApiError(error) || (error.status !== 400 && error.status !== 409) || !error.formField) return null;
  const field = error.formField;
  const group = groups.find((g) => field === g || field.startsWith(`${g}.`));
  return group ? { [group]: t('errors.serverField', { message: error.detail }) } : null;
}

/** Errors whose key starts with `prefix.` (one agenda item's), with the prefix taken off. */
export function errorsUnder(errors: DraftErrors, prefix: string): DraftErrors {
  const found: DraftErrors = {};
  for (const [key, message] of Object.entries(errors)) if (key.startsWith(`${prefix}.`)) found[key.slice(prefix.length + 1)] = message;
  return found;
}
