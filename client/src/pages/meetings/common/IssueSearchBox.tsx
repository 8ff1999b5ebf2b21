import { useId, useState } from 'react';
import type { IssueRef } from '@shared/schemas/issues';
import { useIssueSearch } from '@client/queries/issues';
import { useMeetingsT } from '../useMeetingsT';
import { useDebouncedValue } from '@client/components/useDebouncedValue';

interface Props {
  label: string;
  /** Issues already chosen, left out of the results. */
  excludeIds: readonly string[];
  onPick: (issue: IssueRef) => void;
}

/** Find a register issue by number (2025-0012) or words of its title, and pick it with a button. */
export function IssueSearchBox({ label, excludeIds, onPick }: Props) {
  const mt = useMeetingsT();
  const id = useId();
  const [q, setQ] = useState('');
  const settled = useDebouncedValue(q, 300);
  const search = useIssueSearch(settled);
  const results = (search.data?.issues ?? []).filter((issue) => !excludeIds.includes(issue.id));

  return (
    <div className="issue-search">
      <label className="field__label field__label--small" htmlFor={`${id}-q`}>
        {label}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        className="input input--small"
        value={q}
        maxLength={100}
        placeholder={mt('meetings.pickers.issuePlaceholder')}
        aria-describedby={`${id}-status`}
        onChange={(event) => setQ(event.target.value)}
        // Enter here means "search", never "submit the whole meeting form".
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.preventDefault();
        }}
      />
      <p id={`${id}-status`} className="small muted" aria-live="polite">
        {!settled.trim()
          ? ''
          : search.isFetching
            ? mt('meetings.pickers.searching')
            : search.isError
              ? mt('meetings.pickers.failed')
              : mt('meetings.pickers.found', { count: results.length })}
      </p>
      {results.length > 0 && (
        <ul className="issue-search__results">
          {results.map((issue) => (
            <li key={issue.id}>
              <span className="numeric">{issue.number}</span> <span>{issue.title}</span>{' '}
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={mt('meetings.pickers.pickIssue', { number: issue.number, title: issue.title })}
                onClick={() => {
                  onPick({ id: issue.id, number: issue.number, title: issue.title });
                  setQ('');
                }}
              >
                {mt('meetings.pickers.pick')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
