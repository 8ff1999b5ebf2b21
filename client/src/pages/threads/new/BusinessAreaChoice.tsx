import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessAreaKey } from '@shared/reference/council';
import { useBusinessAreas } from '@client/queries/organizations';
import { useLanguage } from '@client/i18n/useLanguage';

interface Props {
  value: BusinessAreaKey[];
  error?: string | undefined;
  onChange: (areas: BusinessAreaKey[]) => void;
}

/** 対象業務: any of the 20 business areas, as checkboxes (optional). */
export function BusinessAreaChoice({ value, error, onChange }: Props) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const id = useId();
  const { data: areas = [] } = useBusinessAreas();
  const toggle = (key: BusinessAreaKey, on: boolean) => onChange(on ? [...value, key] : value.filter((k) => k !== key));

  return (
    <fieldset className={error ? 'field field--invalid' : 'field'} aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}>
      <legend className="field__label">{t('threads.create.areas')}</legend>
      <p id={`${id}-hint`} className="field__hint">
        {t('threads.create.areasHint')}
      </p>
      <div className="area-choices">
        {areas.map((area) => (
          <label key={area.key} className="checkbox">
            <input type="checkbox" checked={value.includes(area.key)} onChange={(event) => toggle(area.key, event.target.checked)} />
            <span>{area[language]}</span>
          </label>
        ))}
      </div>
      <div id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </div>
    </fieldset>
  );
}
