import { useTranslation } from 'react-i18next';
import type { Person } from '@shared/schemas/threads';

function useNames(): (people: Person[]) => string {
  const { t } = useTranslation();
  return (people) => people.map((p) => p.displayName).join(t('threads.view.nameSeparator'));
}

/** 閲覧中: who else has the thread open. */
export function PresenceLine({ viewers, myId }: { viewers: Person[]; myId: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const others = viewers.filter((v) => v.id !== myId);
  if (others.length === 0) return null;
  return (
    <p className="presence">
      <span className="presence__dot" aria-hidden="true" />
      {t('threads.view.viewers', { names: names(others) })}
    </p>
  );
}

/** ○○さんが入力中…, announced politely; the region stays so the announcement is heard. */
export function TypingIndicator({ people }: { people: Person[] }) {
  const { t } = useTranslation();
  const names = useNames();
  return (
    <p className="typing-indicator" aria-live="polite">
      {people.length > 0 ? t('threads.view.typing', { names: names(people) }) : ''}
    </p>
  );
}
