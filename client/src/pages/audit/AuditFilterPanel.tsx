import { AUDIT_CATEGORIES, AuditCategory } from '@shared/schemas/audit';
import { useAuditT } from './useAuditT';
import { hasAuditFilters, type AuditFilterState } from './useAuditFilters';

/** Category and date range; each choice applies at once and goes into the URL. */
export function AuditFilterPanel({ filters, update, clear }: AuditFilterState) {
  const at = useAuditT();
  const inverted = filters.from !== undefined && filters.to !== undefined && filters.from > filters.to;

  return (
    <section className="audit-filters" aria-labelledby="audit-filters-title">
      <h2 id="audit-filters-title" className="visually-hidden">
        {at('audit.filters.title')}
      </h2>
      <div className="field">
        <label htmlFor="audit-category" className="field__label">
          {at('audit.filters.category')}
        </label>
        <select
          id="audit-category"
          className="select"
          value={filters.category ?? ''}
          onChange={(event) => update({ category: AuditCategory.safeParse(event.target.value).data })}
        >
          <option value="">{at('audit.filters.categoryAll')}</option>
          {AUDIT_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {at(`audit.categories.${category}`)}
            </option>
          ))}
        </select>
      </div>
      <DateBound
        id="audit-from"
        label={at('audit.filters.from')}
        value={filters.from}
        max={filters.to}
        invalid={inverted}
        onChange={(from) => update({ from })}
      />
      <DateBound
        id="audit-to"
        label={at('audit.filters.to')}
        value={filters.to}
        min={filters.from}
        invalid={inverted}
        onChange={(to) => update({ to })}
      />
      <div className="audit-filters__notes">
        <p id="audit-dates-hint" className="field__hint">
          {at('audit.filters.dateHint')}
        </p>
        <p id="audit-dates-error" className="field__error" role="alert">
          {inverted ? at('audit.filters.rangeInverted') : ''}
        </p>
        {hasAuditFilters(filters) && (
          <button type="button" className="button button--tertiary button--small" onClick={clear}>
            {at('audit.filters.clear')}
          </button>
        )}
      </div>
    </section>
  );
}

interface DateBoundProps {
  id: string;
  label: string;
  value: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
  invalid: boolean;
  onChange: (value: string | undefined) => void;
}

/** One end of the date range; both ends share the hint and the error under them. */
function DateBound({ id, label, value, min, max, invalid, onChange }: DateBoundProps) {
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        type="date"
        className="input"
        value={value ?? ''}
        min={min}
        max={max}
        aria-describedby="audit-dates-hint audit-dates-error"
        aria-invalid={invalid || undefined}
        onChange={(event) => onChange(event.target.value || undefined)}
      />
    </div>
  );
}
