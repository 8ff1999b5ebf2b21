import { useId } from 'react';
import { BUSINESS_AREAS, MINISTRY_KEYS, type BusinessAreaKey } from '@shared/reference/council';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';

interface Props {
  value: BusinessAreaKey[];
  error?: string | undefined;
  onChange: (areas: BusinessAreaKey[]) => void;
}

/**
 * 対象業務: the 20 business areas as checkboxes, grouped by the ministry responsible for them,
 * since that grouping decides where the issue is routed.
 */
export function BusinessAreaPicker({ value, error, onChange }: Props) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const id = useId();
  // Keep the reference order, so the first area chosen (the tie-breaker for routing) is predictable.
  const toggle = (key: BusinessAreaKey, on: boolean) => onChange(on ? [...value, key] : value.filter((k) => k !== key));

  return (
    <fieldset
      className={error ? 'field field--invalid area-picker' : 'field area-picker'}
      aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
    >
      <legend className="field__label">
        {rt('register.fields.businessAreas')}
        <span className="field__required">{rt('common.required')}</span>
      </legend>
      <p id={`${id}-hint`} className="field__hint">
        {rt('register.form.areasHint')}
      </p>
      <div className="area-picker__groups">
        {MINISTRY_KEYS.map((ministry) => {
          const areas = BUSINESS_AREAS.filter((a) => a.ministry === ministry);
          if (areas.length === 0) return null;
          return (
            <fieldset key={ministry} className="area-picker__group">
              <legend className="area-picker__ministry">{labels.ministry(ministry)}</legend>
              {areas.map((area) => (
                <label key={area.key} className="checkbox">
                  <input type="checkbox" checked={value.includes(area.key)} onChange={(event) => toggle(area.key, event.target.checked)} />
                  <span>{labels.area(area.key)}</span>
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
      <div id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </div>
    </fieldset>
  );
}
