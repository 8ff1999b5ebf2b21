import { useTranslation } from 'react-i18next';
import type { Message } from '@shared/schemas/threads';
import { REACTION_KEYS, REACTIONS, type ReactionKey } from '@shared/threads/rules';
import { useCurrentUser } from '@client/components/CurrentUser';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { ReactionPicker } from './ReactionPicker';
import { useSetReaction } from './messageMutations';

interface Props {
  message: Message;
  threadId: string;
  canReact: boolean;
}

/** The reactions a message has, in the fixed order, with counts; one's own are highlighted and toggle. */
export function ReactionBar({ message, threadId, canReact }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const react = useSetReaction(threadId);
  const usersOf = (key: ReactionKey) => message.reactions.find((r) => r.key === key)?.userIds ?? [];
  const isMine = (key: ReactionKey) => usersOf(key).includes(me.id);
  const shown = REACTION_KEYS.filter((key) => usersOf(key).length > 0);
  if (shown.length === 0 && !canReact) return null;

  const toggle = (key: ReactionKey) => react.mutate({ messageId: message.id, key, on: !isMine(key) });

  return (
    <div className="reactions" role="group" aria-label={t('threads.reactions.label')}>
      {shown.map((key) => {
        const label = t('threads.reactions.summary', { name: t(`threads.reactions.names.${key}`), count: usersOf(key).length });
        const face = (
          <>
            <span aria-hidden="true">{REACTIONS[key]}</span>
            <span aria-hidden="true" className="reaction__count">
              {usersOf(key).length}
            </span>
            <span className="visually-hidden">{label}</span>
          </>
        );
        const classes = isMine(key) ? 'reaction reaction--mine' : 'reaction';
        return canReact ? (
          <button
            key={key}
            type="button"
            className={classes}
            aria-pressed={isMine(key)}
            disabled={react.isPending}
            onClick={() => toggle(key)}
            title={label}
          >
            {face}
          </button>
        ) : (
          <span key={key} className={`${classes} reaction--static`} title={label}>
            {face}
          </span>
        );
      })}
      {canReact && <ReactionPicker isMine={isMine} onPick={toggle} disabled={react.isPending} />}
      {react.error && (
        <span className="field__error" role="alert">
          {errorMessage(react.error)}
        </span>
      )}
    </div>
  );
}
