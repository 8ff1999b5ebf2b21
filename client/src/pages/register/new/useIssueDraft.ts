import { useState } from 'react';
import type { FieldErrors } from '@client/components/formErrors';
import type { IssueDraft, IssueDraftField } from './issueDraft';

/** The issue form's values and errors; a field that is changed stops complaining at once. */
export function useIssueDraft(initial: IssueDraft | (() => IssueDraft)) {
  const [draft, setDraft] = useState<IssueDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors<IssueDraftField>>({});

  function change(next: Partial<IssueDraft>) {
    setDraft((current) => ({ ...current, ...next }));
    setErrors((current) => {
      const remaining = { ...current };
      for (const field of Object.keys(next) as IssueDraftField[]) delete remaining[field];
      return remaining;
    });
  }

  return { draft, errors, setErrors, change };
}
