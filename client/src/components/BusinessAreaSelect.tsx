import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MINISTRY_KEYS, OBSERVERS, type BusinessAreaKey } from '@shared/reference/council';
import { useLanguage } from '@client/i18n/useLanguage';
import { useBusinessAreas } from '@client/queries/organizations';
import { Field } from './Field';

export interface BusinessAreaOption {
  value: BusinessAreaKey;
  label: string;
  ministry: string;
}

/** The 20 business areas in the council's order, named in the reader's language: what every choice of areas offers. */
export function useBusinessAreaOptions(): BusinessAreaOption[] {
  const [language] = useLanguage();
  const { data: areas = [] } = useBusinessAreas();
  return areas.map((area) => ({ value: area.key, label: area[language], ministry: area.ministry }));
}

interface OneArea {
  multiple?: false;
  label: string;
  /** The first option, which chooses no area (a filter's "all"). */
  anyLabel: string;
  value: BusinessAreaKey | null;
  onChange: (area: BusinessAreaKey | null) => void;
}

interface SeveralAreas {
  multiple: true;
  label: string;
  hint: string;
  error?: string | undefined;
  required?: boolean;
  /** Grouped by the ministry responsible for them (where that decides the routing). */
  byMinistry?: boolean;
  value: BusinessAreaKey[];
  onChange: (areas: BusinessAreaKey[]) => void;
}

/**
 * The one control for choosing business areas: one of them (a select with an "any" option, for
 * filters), or several (checkboxes, optionally grouped by ministry, for what a thread or an
 * issue is about). Labelled, described and announced like every other field.
 */
export function BusinessAreaSelect(props: OneArea | SeveralAreas) {
  const options = useBusinessAreaOptions();
  if (!props.multiple) {
    const { label, anyLabel, value, onChange } = props;
    return (
      <Field label={label}>
        {(control) => (
          <select
            className="select"
            {...control}
            value={value ?? ''}
            onChange={(event) => onChange(options.find((o) => o.value === event.target.value)?.value ?? null)}
          >
            <option value="">{anyLabel}</option>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  return <AreaCheckboxes {...props} options={options} />;
}

function AreaCheckboxes({
  label,
  hint,
  error,
  required = false,
  byMinistry = false,
  value,
  onChange,
  options,
}: SeveralAreas & { options: BusinessAreaOption[] }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const id = useId();
  // Keep the order they were chosen in: the first area chosen is the tie-breaker for an issue's routing.
  const toggle = (key: BusinessAreaKey, on: boolean) => onChange(on ? [...value, key] : value.filter((k) => k !== key));
  const checkboxes = (shown: BusinessAreaOption[]) =>
    shown.map((option) => (
      <label key={option.value} className="checkbox">
        <input type="checkbox" checked={value.includes(option.value)} onChange={(event) => toggle(option.value, event.target.checked)} />
        <span>{option.label}</span>
      </label>
    ));

  return (
    <fieldset
      className={error ? 'field field--invalid area-choices' : 'field area-choices'}
      aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
    >
      <legend className="field__label">
        {label}
        {required && <span className="field__required">{t('common.required')}</span>}
      </legend>
      <p id={`${id}-hint`} className="field__hint">
        {hint}
      </p>
      {byMinistry ? (
        <div className="area-choices__groups">
          {MINISTRY_KEYS.map((ministry) => {
            const shown = options.filter((o) => o.ministry === ministry);
            if (shown.length === 0) return null;
            return (
              <fieldset key={ministry} className="area-choices__group">
                <legend className="area-choices__ministry">{OBSERVERS.find((o) => o.key === ministry)?.[language] ?? ministry}</legend>
                {checkboxes(shown)}
              </fieldset>
            );
          })}
        </div>
      ) : (
        <div className="area-choices__list">{checkboxes(options)}</div>
      )}
      <div id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </div>
    </fieldset>
  );
}
