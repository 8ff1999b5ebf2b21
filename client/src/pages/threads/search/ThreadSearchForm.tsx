import { useId, useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@shared/threads/rules';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';

/** The search box: leads to /threads/search?q=, the results page. */
export function ThreadSearchForm({ initialQuery = '' }: { initialQuery?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [query, setQuery] = useState(initialQuery);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = query.trim();
    if (q) void navigate(`/threads/search?q=${encodeURIComponent(q)}`);
  }

  return (
    <form role="search" className="search-form" onSubmit={submit} onKeyDown={preventSubmitWhileComposing}>
      <label className="field__label" htmlFor={id}>
        {t('threads.search.label')}
      </label>
      <div className="search-form__row">
        <input
          id={id}
          type="search"
          className="input"
          value={query}
          maxLength={LIMITS.searchQueryLength}
          placeholder={t('threads.search.placeholder')}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="button button--secondary">
          {t('threads.search.submit')}
        </button>
      </div>
    </form>
  );
}
