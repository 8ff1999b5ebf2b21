import { useId, useRef, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SearchResult } from '@shared/schemas/search';
import { MAX_QUERY_LENGTH } from '@shared/search/textQuery';
import { useSearchSuggestions } from '@client/queries/search';
import { isImeComposing } from '../imeKeys';
import { useDebouncedValue } from '../useDebouncedValue';
import { Highlighted } from './Highlighted';
import { suggestableText } from './suggestable';
import { useCommittedText } from './useCommittedText';
import { useSlashShortcut } from './useSlashShortcut';
import './search.css';

/** How long typing must pause before suggestions are asked. */
const SUGGEST_DELAY_MS = 200;

/** The address of the results page for a query. */
export const searchHref = (q: string) => `/search?q=${encodeURIComponent(q)}`;

/**
 * The header's search box on every signed-in page ("/" comes here): an ARIA combobox whose listbox suggests
 * matching titles as one types — asked once typing pauses, never during an IME conversion. The arrow keys move
 * through the suggestions and Enter opens the one chosen; Enter with none chosen opens the results page.
 * Escape closes the suggestions, or leaves the box when they are closed.
 */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useSlashShortcut(input);
  const [typed, setTyped] = useState('');
  const { committed, composition } = useCommittedText(typed);
  const asked = suggestableText(useDebouncedValue(committed, SUGGEST_DELAY_MS));
  const suggestions = useSearchSuggestions(asked);
  const [focused, setFocused] = useState(false);
  // Escape closes the list until the text changes; the highlighted option is kept per list shown.
  const [dismissedFor, setDismissedFor] = useState<string | null>(null);
  const [active, setActive] = useState<{ for: SearchResult[]; index: number } | null>(null);

  const results = (asked && suggestableText(typed) && suggestions.data?.results) || [];
  const open = focused && results.length > 0 && dismissedFor !== typed;
  const activeIndex = open && active?.for === results ? active.index : -1;
  const listId = `${id}-suggestions`;
  const optionId = (index: number) => `${id}-option-${index}`;

  function reset() {
    setTyped('');
    setActive(null);
  }

  function openResult(result: SearchResult) {
    reset();
    void navigate(result.href);
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = typed.trim();
    if (!q) return;
    reset();
    void navigate(searchHref(q));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Keys during a conversion belong to the IME: its Enter confirms a word and must not search.
    if (isImeComposing(event)) {
      if (event.key === 'Enter') event.preventDefault();
      return;
    }
    const move = (index: number) => {
      event.preventDefault();
      setDismissedFor(null);
      setActive({ for: results, index });
    };
    if (event.key === 'ArrowDown' && results.length > 0) move(open ? (activeIndex + 1) % results.length : 0);
    else if (event.key === 'ArrowUp' && open) move(activeIndex <= 0 ? results.length - 1 : activeIndex - 1);
    else if (event.key === 'Enter' && activeIndex >= 0) {
      event.preventDefault();
      openResult(results[activeIndex]!);
    } else if (event.key === 'Escape') {
      // Not the search field's own Escape, which would empty it.
      event.preventDefault();
      if (open) setDismissedFor(typed);
      else input.current?.blur();
    }
  }

  return (
    <form role="search" aria-label={t('search.header.region')} className="header-search" onSubmit={submit}>
      <input
        ref={input}
        type="search"
        className="input header-search__input"
        role="combobox"
        aria-label={t('search.header.label')}
        aria-describedby={`${id}-shortcut`}
        aria-keyshortcuts="/"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        autoComplete="off"
        enterKeyHint="search"
        maxLength={MAX_QUERY_LENGTH}
        placeholder={t('search.header.placeholder')}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        {...composition}
      />
      <kbd className="header-search__key" aria-hidden="true">
        /
      </kbd>
      <span id={`${id}-shortcut`} className="visually-hidden">
        {t('search.header.shortcut')}
      </span>
      <ul id={listId} role="listbox" aria-label={t('search.header.suggestions')} className="header-search__list" hidden={!open}>
        {open &&
          results.map((result, index) => (
            <li
              key={`${result.kind}:${result.id}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className="header-search__option"
              // Keep focus in the box: a click chooses without a blur closing the list first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => openResult(result)}
            >
              <span className="header-search__kind">{t(`search.kinds.${result.kind}`)}</span>
              <span className="header-search__title" data-user-content>
                {result.number && <span className="numeric">{result.number} </span>}
                <Highlighted text={result.title} ranges={result.titleHighlights} />
              </span>
            </li>
          ))}
      </ul>
      <div role="status" className="visually-hidden">
        {open ? t('search.header.suggestionCount', { count: results.length }) : ''}
      </div>
    </form>
  );
}
