import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visibility } from '@shared/threads/rules';

interface Props {
  value: Visibility;
  /** The visibilities this person may read: a thread one could not read oneself makes no sense. */
  options: Visibility[];
  error?: string | undefined;
  onChange: (visibility: Visibility) => void;
}

/** 公開範囲 as radio buttons, each saying who will be able to read the thread. */
export function VisibilityChoice({ value, options, error, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className={error ? 'field field--invalid' : 'field'} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field__label">
        {t('threads.visibility.label')}
        <span className="field__required">{t('common.required')}</span>
      </legend>
      <div className="choice-list">
        {options.map((option) => (
          <label key={option} className="choice">
            <input type="radio" name={`${id}-visibility`} value={option} checked={value === option} onChange={() => onChange(option)} />
            <span>
              <span className="choice__label">{t(`threads.visibility.${option}`)}</span>
              <span className="choice__hint">{t(`threads.visibility.hint.${option}`)}</span>
            </span>
          </label>
        ))}
      </div>
      <div id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </div>
    </fieldset>
  );
}
