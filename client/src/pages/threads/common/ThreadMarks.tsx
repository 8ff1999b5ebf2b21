import { useTranslation } from 'react-i18next';
import type { Thread } from '@shared/schemas/threads';

/** Pinned, locked and resolved, as symbols with their words for screen readers. */
export function ThreadMarks({ thread }: { thread: Pick<Thread, 'pinned' | 'locked' | 'resolved'> }) {
  const { t } = useTranslation();
  const marks = [
    thread.pinned && { key: 'pinned', symbol: '📌', label: t('threads.marks.pinned') },
    thread.locked && { key: 'locked', symbol: '🔒', label: t('threads.marks.locked') },
    thread.resolved && { key: 'resolved', symbol: '✔', label: t('threads.marks.resolved') },
  ].filter((mark) => mark !== false);
  if (marks.length === 0) return null;
  return (
    <span className="thread-marks">
      {marks.map((mark) => (
        <span key={mark.key} className={`thread-mark thread-mark--${mark.key}`} title={mark.label}>
          <span aria-hidden="true">{mark.symbol}</span>
          <span className="thread-mark__label">{mark.label}</span>
        </span>
      ))}
    </span>
  );
}
