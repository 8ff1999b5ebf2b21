import type { UseMutationResult } from '@tanstack/react-query';
import { SUBSCRIPTION_STATES, type SubscriptionState } from '@shared/threads/rules';
import { useErrorMessage } from './useErrorMessage';

/**
 * フォローする / 通常 / ミュート for this reader (a thread, an issue), as radio buttons (arrow keys
 * move between them), with what the chosen one means; a choice is saved at once by `save`.
 */
export function FollowChoice({
  id,
  state,
  save,
  legend,
  optionLabel,
  hint,
}: {
  /** Names the radio group and its hint (unique on the page). */
  id: string;
  state: SubscriptionState;
  save: UseMutationResult<unknown, Error, SubscriptionState>;
  legend: string;
  optionLabel: (state: SubscriptionState) => string;
  hint: (state: SubscriptionState) => string;
}) {
  const errorMessage = useErrorMessage();
  const shown = save.isPending ? save.variables : state;
  return (
    <fieldset className="subscription-choice" aria-describedby={`subscription-hint-${id}`}>
      <legend className="field__label">{legend}</legend>
      <div className="segmented">
        {SUBSCRIPTION_STATES.map((option) => (
          <label key={option} className="segmented__option">
            <input
              type="radio"
              name={`subscription-${id}`}
              value={option}
              checked={shown === option}
              onChange={() => save.mutate(option)}
            />
            <span>{optionLabel(option)}</span>
          </label>
        ))}
      </div>
      <p className="field__hint" id={`subscription-hint-${id}`}>
        {hint(shown)}
      </p>
      {save.isError && (
        <p className="field__error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
    </fieldset>
  );
}
