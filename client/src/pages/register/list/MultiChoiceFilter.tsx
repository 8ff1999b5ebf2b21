import { useId } from 'react';
import { useRegisterT } from '../useRegisterT';

interface Option<T extends string> {
  value: T;
  label: string;
  /** A longer description under the label (the special reasons' full text). */
  detail?: string;
}

interface Props<T extends string> {
  label: string;
  options: readonly Option<T>[];
  selected: readonly T[] | undefined;
  onChange: (selected: T[] | undefined) => void;
}

/**
 * A set of checkboxes folded into a disclosure, whose summary says how many are chosen; none
 * chosen means no filter. (Many options, rarely used together: folded keeps the panel short.)
 */
export function MultiChoiceFilter<T extends string>({ label, options, selected = [], onChange }: Props<T>) {
  const rt = useRegisterT();
  const id = useId();
  const toggle = (value: T, on: boolean) => {
    const next = on ? [...selected, value] : selected.filter((v) => v !== value);
    // Keep the options' order, so equal choices make equal URLs.
    const ordered = options.map((o) => o.value).filter((v) => next.includes(v));
    onChange(ordered.length ? ordered : undefined);
  };

  return (
    <details className="multi-filter">
      <summary className="multi-filter__summary">
        <span className="multi-filter__label">{label}</span>
        <span className="multi-filter__count">
          {selected.length ? rt('register.filters.selectedCount', { count: selected.length }) : rt('register.filters.any')}
        </span>
      </summary>
      <fieldset className="multi-filter__options" aria-describedby={`${id}-count`}>
        <legend className="visually-hidden">{label}</legend>
        <p id={`${id}-count`} className="visually-hidden">
          {selected.length ? rt('register.filters.selectedCount', { count: selected.length }) : rt('register.filters.any')}
        </p>
        {options.map((option) => (
          <label key={option.value} className="checkbox multi-filter__option">
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <span>
              {option.label}
              {option.detail && (
                <span className="multi-filter__detail" lang="ja">
                  {option.detail}
                </span>
              )}
            </span>
          </label>
        ))}
        {selected.length > 0 && (
          <button type="button" className="button button--tertiary button--small" onClick={() => onChange(undefined)}>
            {rt('register.filters.clearGroup', { label })}
          </button>
        )}
      </fieldset>
    </details>
  );
}
