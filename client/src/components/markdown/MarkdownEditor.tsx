import { useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@client/components/CurrentUser';
import { useLanguage } from '@client/i18n/useLanguage';
import { Markdown } from './Markdown';
import { MentionSuggestions } from './MentionSuggestions';
import { useMentionAutocomplete } from './useMentionAutocomplete';
import { noMentions, storedBody, withMention, type MentionDraft } from './mentionDraft';

interface Props {
  label: string;
  /** Keep the label for screen readers only (the composer under a conversation). */
  labelHidden?: boolean;
  hint?: string;
  /** The text as shown, mentions as `@name` (see `mentions`). */
  value: string;
  onChange: (value: string) => void;
  /** The longest text the server takes (as stored, mentions as tokens): longer is shown as an error before sending. */
  maxLength: number;
  /**
   * The mentions written in `value`; picks from the @ autocomplete are added. Without them (the
   * register: issues and comments carry no mentions) there is no autocomplete.
   */
  mentions?: MentionDraft;
  onMentionsChange?: (mentions: MentionDraft) => void;
  /** Keys the autocomplete did not take (the composer's Enter-to-send). */
  onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
  error?: string | null | undefined;
  /** A hint under the box (the composer's send keys). */
  hintBelow?: string;
  rows?: number;
  required?: boolean;
  autoFocus?: boolean;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}

/**
 * The one Markdown editor (threads, the register): a textarea with a preview toggle rendering
 * the text as the page will show it, a length check, and, where mentions are written, the @
 * autocomplete.
 */
export function MarkdownEditor({
  label,
  labelHidden = false,
  hint,
  value,
  onChange,
  maxLength,
  mentions,
  onMentionsChange,
  onKeyDown,
  error,
  hintBelow,
  rows = 3,
  required = false,
  autoFocus = false,
  textareaRef,
}: Props) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const me = useCurrentUser();
  const id = useId();
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = textareaRef ?? ownRef;
  const [previewing, setPreviewing] = useState(false);
  const withMentions = mentions !== undefined;
  const autocomplete = useMentionAutocomplete({
    value,
    onChange,
    onPick: (candidate) => mentions && onMentionsChange?.(withMention(mentions, candidate, language)),
    textareaRef: ref,
  });
  const track = (textarea: HTMLTextAreaElement) => {
    if (withMentions) autocomplete.track(textarea);
  };

  const source = mentions ? storedBody(value, mentions) : value;
  const tooLong = source.length > maxLength;
  const shownError = tooLong ? t('editor.tooLong', { max: maxLength, count: source.length }) : error;
  const describedBy = [hint ? `${id}-hint` : null, hintBelow ? `${id}-hint-below` : null, shownError ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <div className={shownError ? 'md-editor field--invalid' : 'md-editor'}>
      <div className="md-editor__bar">
        <label htmlFor={id} className={labelHidden ? 'visually-hidden' : 'field__label'}>
          {label}
          {required && <span className="field__required">{t('common.required')}</span>}
        </label>
        <button
          type="button"
          className="button button--tertiary button--small md-editor__preview-toggle"
          aria-pressed={previewing}
          // The preview exists only while shown: naming an absent element is invalid ARIA.
          aria-controls={previewing ? `${id}-preview` : undefined}
          onClick={() => setPreviewing(!previewing)}
        >
          {t('editor.preview')}
        </button>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <div className="md-editor__input" hidden={previewing}>
        <textarea
          ref={ref}
          id={id}
          className="textarea"
          rows={rows}
          value={value}
          required={required}
          autoFocus={autoFocus}
          aria-describedby={describedBy}
          aria-invalid={shownError ? true : undefined}
          aria-autocomplete={withMentions ? 'list' : undefined}
          aria-controls={autocomplete.open ? autocomplete.listboxId : undefined}
          aria-activedescendant={autocomplete.open && autocomplete.options.length > 0 ? autocomplete.optionId(autocomplete.activeIndex) : undefined}
          onChange={(event) => {
            onChange(event.target.value);
            track(event.target);
          }}
          onSelect={(event) => track(event.currentTarget)}
          onBlur={autocomplete.close}
          onKeyDown={(event) => {
            if (!autocomplete.handleKeyDown(event)) onKeyDown?.(event);
          }}
        />
        {autocomplete.open && (
          <MentionSuggestions
            listboxId={autocomplete.listboxId}
            options={autocomplete.options}
            activeIndex={autocomplete.activeIndex}
            optionId={autocomplete.optionId}
            onChoose={autocomplete.choose}
          />
        )}
      </div>
      {previewing && (
        <div id={`${id}-preview`} className="md-editor__preview" role="region" aria-label={t('editor.previewLabel')}>
          {value.trim() ? (
            <Markdown source={source} mentions={mentions?.mentions ?? noMentions} language={language} me={{ userId: me.id, organizationId: me.organization.id }} />
          ) : (
            <p className="muted">{t('editor.previewEmpty')}</p>
          )}
        </div>
      )}
      {hintBelow && (
        <p id={`${id}-hint-below`} className="field__hint md-editor__hint-below">
          {hintBelow}
        </p>
      )}
      <div id={`${id}-error`} className="field__error" aria-live="polite">
        {shownError}
      </div>
    </div>
  );
}
