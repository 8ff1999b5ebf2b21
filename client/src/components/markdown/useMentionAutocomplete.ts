import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useMentionCandidates } from '@client/queries/mentions';
import { isImeComposing } from '@client/components/imeKeys';
import { useDebouncedValue } from '@client/components/useDebouncedValue';
import { useLanguage } from '@client/i18n/useLanguage';
import { candidateName, type MentionCandidate } from './mentionDraft';

/** The "@name" being typed just before the caret. An @ inside a word (an e-mail address) is not one. */
interface MentionQuery {
  start: number;
  end: number;
  text: string;
}

const QUERY_BEFORE_CARET = /(?:^|[^A-Za-z0-9._%+\-@])@([^\s@{}()[\]]{1,50})$/u;
const MAX_OPTIONS = 8;

function findQuery(value: string, caret: number): MentionQuery | null {
  const match = QUERY_BEFORE_CARET.exec(value.slice(0, caret));
  if (!match) return null;
  const text = match[1]!;
  return { start: caret - text.length - 1, end: caret, text };
}

interface Options {
  value: string;
  onChange: (value: string) => void;
  onPick: (candidate: MentionCandidate) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}

/**
 * The @ autocomplete of a textarea: finds the name being typed, asks GET /mentions, and on a
 * choice replaces what was typed with the chosen "@name" (`onPick` records what it stands for,
 * so it is stored as the mention token). Arrow keys move, Enter or Tab inserts, Escape
 * closes; none of them act while an IME is converting.
 */
export function useMentionAutocomplete({ value, onChange, onPick, textareaRef }: Options) {
  const listboxId = useId();
  const [language] = useLanguage();
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const pendingCaret = useRef<number | null>(null);
  const settledText = useDebouncedValue(query?.text ?? '', 200);
  const candidates = useMentionCandidates(query ? settledText : '');

  const options: MentionCandidate[] =
    query && candidates.data
      ? [
          ...candidates.data.users.map((person) => ({ kind: 'user' as const, person })),
          ...candidates.data.organizations.map((organization) => ({ kind: 'org' as const, organization })),
        ].slice(0, MAX_OPTIONS)
      : [];
  const open = query !== null && settledText.length > 0 && !candidates.isPending;
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  // After inserting a name, put the caret right after it (once React has written the new value).
  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    const textarea = textareaRef.current;
    if (caret === null || !textarea) return;
    pendingCaret.current = null;
    textarea.setSelectionRange(caret, caret);
  }, [value, textareaRef]);

  /** Call on input, click and caret moves: what is being typed may have changed. */
  function track(textarea: HTMLTextAreaElement) {
    const next = findQuery(textarea.value, textarea.selectionStart);
    if (next?.text !== query?.text) setActive(0);
    setQuery(next);
  }

  function choose(candidate: MentionCandidate) {
    if (!query) return;
    const written = `@${candidateName(candidate, language)} `;
    pendingCaret.current = query.start + written.length;
    onChange(value.slice(0, query.start) + written + value.slice(query.end));
    onPick(candidate);
    setQuery(null);
    textareaRef.current?.focus();
  }

  /** Handles the key if the suggestions are open; returns whether it did. */
  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open || isImeComposing(event)) return false;
    if (event.key === 'Escape') {
      setQuery(null);
    } else if (options.length === 0) {
      return false;
    } else if (event.key === 'ArrowDown') {
      setActive((activeIndex + 1) % options.length);
    } else if (event.key === 'ArrowUp') {
      setActive((activeIndex - 1 + options.length) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      choose(options[activeIndex]!);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  return {
    open,
    options,
    activeIndex,
    listboxId,
    optionId: (index: number) => `${listboxId}-option-${index}`,
    track,
    choose,
    handleKeyDown,
    close: () => setQuery(null),
  };
}
