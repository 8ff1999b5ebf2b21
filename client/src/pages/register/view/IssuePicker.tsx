import { useId, useState } from 'react';
import type { Issue } from '@shared/schemas/issues';
import { useIssueSearch } from '@client/queries/issues';
import { useDebouncedValue } from '@client/components/useDebouncedValue';
import { StatusBadge } from '../common/StatusBadge';
import { useRegisterT } from '../useRegisterT';

type IssueRef = Pick<Issue, 'id' | 'number' | 'title'>;

interface Props {
  /** The issue being marked: it cannot duplicate itself. */
  excludeId: string;
  selected: IssueRef | null;
  onSelect: (issue: IssueRef | null) => void;
  error?: string | null;
}

/**
 * Find the surviving issue by number (2025-0012) or words in its title, and choose it from the
 * matches (radio buttons: plain keyboard use, announced as a group). Duplicates cannot survive.
 */
export function IssuePicker({ excludeId, selected, onSelect, error }: Props) {
  const rt = useRegisterT();
  const id = useId();
  const [q, setQ] = useState('');
  const settledQ = useDebouncedValue(q, 300);
  const search = useIssueSearch(settledQ);
  const candidates = (search.data?.issues ?? []).filter((issue) => issue.id !== excludeId && issue.status !== 'duplicate');

  return (
    <div className={error ? 'issue-picker field--invalid' : 'issue-picker'}>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-q`}>
          {rt('register.picker.search')}
        </label>
        <p id={`${id}-hint`} className="field__hint">
          {rt('register.picker.hint')}
        </p>
        <input
          id={`${id}-q`}
          type="search"
          className="input"
          value={q}
          maxLength={100}
          aria-describedby={`${id}-hint ${id}-status`}
          onChange={(event) => setQ(event.target.value)}
          // Enter would submit nothing here; it must not close the dialog either.
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault();
          }}
        />
      </div>
      <p id={`${id}-status`} className="small muted" aria-live="polite">
        {!settledQ.trim()
          ? ''
          : search.isFetching
            ? rt('register.picker.searching')
            : search.isError
              ? rt('register.picker.failed')
              : rt('register.picker.found', { count: candidates.length })}
      </p>
      {candidates.length > 0 && (
        <fieldset className="issue-picker__results">
          <legend className="visually-hidden">{rt('register.picker.results')}</legend>
          {candidates.map((issue) => (
            <label key={issue.id} className="issue-picker__option">
              <input type="radio" name={`${id}-issue`} checked={selected?.id === issue.id} onChange={() => onSelect(issue)} />
              <span className="issue-picker__text">
                <span className="numeric">{issue.number}</span>
                <span>{issue.title}</span>
                <StatusBadge status={issue.status} />
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <p className="issue-picker__selected" aria-live="polite">
        {selected ? rt('register.picker.selected', { number: selected.number, title: selected.title }) : rt('register.picker.noneSelected')}
      </p>
      <div className="field__error" aria-live="polite">
        {error}
      </div>
    </div>
  );
}
