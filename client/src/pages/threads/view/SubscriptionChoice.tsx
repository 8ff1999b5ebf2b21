import { useTranslation } from 'react-i18next';
import { SUBSCRIPTION_STATES, type SubscriptionState } from '@shared/threads/rules';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useSetSubscription } from '@client/queries/threads';

/**
 * フォローする / 通常 / ミュート for this reader, as radio buttons (arrow keys move between them),
 * with what the chosen one means; a choice is saved at once.
 */
export function SubscriptionChoice({ threadId, state }: { threadId: string; state: SubscriptionState }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const save = useSetSubscription(threadId);
  const shown = save.isPending ? save.variables : state;
  return (
    <fieldset className="subscription-choice" aria-describedby={`subscription-hint-${threadId}`}>
      <legend className="field__label">{t('threads.subscription.legend')}</legend>
      <div className="segmented">
        {SUBSCRIPTION_STATES.map((option) => (
          <label key={option} className="segmented__option">
            <input
              type="radio"
              name={`subscription-${threadId}`}
              value={option}
              checked={shown === option}
              onChange={() => save.mutate(option)}
            />
            <span>{t(`threads.subscription.${option}`)}</span>
          </label>
        ))}
      </div>
      <p className="field__hint" id={`subscription-hint-${threadId}`}>
        {t(`threads.subscription.hint.${shown}`)}
      </p>
      {save.isError && (
        <p className="field__error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
    </fieldset>
  );
}
