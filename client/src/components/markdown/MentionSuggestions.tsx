import { useTranslation } from 'react-i18next';
import { useLanguage } from '@client/i18n/useLanguage';
import type { MentionCandidate } from './mentionDraft';

interface Props {
  listboxId: string;
  options: MentionCandidate[];
  activeIndex: number;
  optionId: (index: number) => string;
  onChoose: (candidate: MentionCandidate) => void;
}

/** The suggestion list under the textarea (the textarea keeps focus; aria-activedescendant points here). */
export function MentionSuggestions({ listboxId, options, activeIndex, optionId, onChoose }: Props) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const orgName = (o: { nameJa: string; nameEn: string }) => (language === 'ja' ? o.nameJa : o.nameEn);

  return (
    <div className="mention-suggestions">
      <p className="visually-hidden" role="status">
        {options.length > 0 ? t('threads.mentions.count', { count: options.length }) : t('threads.mentions.none')}
      </p>
      {options.length === 0 ? (
        <p className="mention-suggestions__none" aria-hidden="true">
          {t('threads.mentions.none')}
        </p>
      ) : (
        <ul id={listboxId} role="listbox" aria-label={t('threads.mentions.listLabel')} className="mention-suggestions__list">
          {options.map((option, index) => (
            <li
              key={option.kind === 'user' ? `u${option.person.id}` : `o${option.organization.id}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className="mention-suggestions__option"
              // Keep focus (and the caret) in the textarea while clicking an option.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onChoose(option)}
            >
              {option.kind === 'user' ? (
                <>
                  <span className="mention-suggestions__name" data-user-content>
                    {option.person.displayName}
                  </span>
                  <span className="mention-suggestions__detail">{orgName(option.person.organization)}</span>
                </>
              ) : (
                <>
                  <span className="mention-suggestions__name" data-user-content>
                    {orgName(option.organization)}
                  </span>
                  <span className="mention-suggestions__detail">{t('threads.mentions.organization')}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
