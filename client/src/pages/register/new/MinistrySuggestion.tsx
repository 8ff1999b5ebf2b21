import { responsibleMinistry } from '@shared/register/rules';
import type { BusinessAreaKey } from '@shared/reference/council';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';

/** The ministry the issue will be routed to, worked out as areas are chosen (the server does the same). */
export function MinistrySuggestion({ areas }: { areas: BusinessAreaKey[] }) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const ministry = responsibleMinistry(areas);
  return (
    <div className="ministry-suggestion" aria-live="polite">
      <p className="ministry-suggestion__label">{rt('register.form.suggestedMinistry')}</p>
      {ministry ? (
        <>
          <p className="ministry-suggestion__value">{labels.ministry(ministry)}</p>
          <p className="field__hint">{rt('register.form.suggestedMinistryHint')}</p>
        </>
      ) : (
        <p className="field__hint">{rt('register.form.suggestedMinistryNone')}</p>
      )}
    </div>
  );
}
