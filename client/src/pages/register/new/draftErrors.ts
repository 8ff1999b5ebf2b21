import type { TFunction } from 'i18next';
import type { ZodError } from 'zod';
import { fieldErrorsFromZod, type FieldErrors } from '@client/components/formErrors';
import type { RegisterT } from '../useRegisterT';
import type { IssueDraft, IssueDraftField } from './issueDraft';

/** The shared schema's complaints about a draft, in words that fit each control. */
export function draftErrors(error: ZodError, draft: IssueDraft, t: TFunction, rt: RegisterT): FieldErrors<IssueDraftField> {
  const errors = fieldErrorsFromZod<IssueDraftField>(error, t, { description: t('errors.field.required') });
  // "Enter something" does not fit a group of checkboxes or a list to choose from.
  if (errors.businessAreas) errors.businessAreas = rt('register.form.areasRequired');
  if (errors.category && draft.category === '') errors.category = rt('register.form.chooseCategory');
  for (const field of ['dueDate', 'lawEnforcementDate', 'specPublishedDate'] as const) {
    if (errors[field]) errors[field] = rt('register.form.invalidDate');
  }
  return errors;
}
