import { useTranslation } from 'react-i18next';
import type { SubscriptionState } from '@shared/threads/rules';
import { FollowChoice } from '@client/components/FollowChoice';
import { useSetSubscription } from '@client/queries/threads';

/** フォローする / 通常 / ミュート for this reader and thread (components/FollowChoice.tsx). */
export function SubscriptionChoice({ threadId, state }: { threadId: string; state: SubscriptionState }) {
  const { t } = useTranslation();
  return (
    <FollowChoice
      id={threadId}
      state={state}
      save={useSetSubscription(threadId)}
      legend={t('threads.subscription.legend')}
      optionLabel={(option) => t(`threads.subscription.${option}`)}
      hint={(option) => t(`threads.subscription.hint.${option}`)}
    />
  );
}
