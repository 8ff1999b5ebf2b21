import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isSendKey, sendModifier, useSendKey } from '@client/components/sendKey';

interface Props {
  label: string;
  submitLabel: string;
  onSend: (body: string) => void;
  /** Chat and questions both allow 2,000 characters. */
  maxLength?: number;
}

const MAX = 2_000;

/**
 * A text box that sends with the person's send key (components/sendKey.ts: Enter, or Ctrl/⌘+Enter —
 * the default on touch screens, where Return adds a line and the button sends), as the thread
 * composer does. An Enter that confirms a Japanese IME conversion never sends.
 */
export function RoomComposer({ label, submitLabel, onSend, maxLength = MAX }: Props) {
  const { t } = useTranslation();
  const [sendKey] = useSendKey();
  const id = useId();
  const [body, setBody] = useState('');
  const empty = body.trim().length === 0;

  function send() {
    if (empty || body.length > maxLength) return;
    onSend(body);
    setBody('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!isSendKey(event, sendKey)) return;
    event.preventDefault();
    send();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }

  return (
    <form className="room-composer" onSubmit={onSubmit}>
      <label className="field__label" htmlFor={`${id}-body`}>
        {label}
      </label>
      <p id={`${id}-hint`} className="field__hint">
        {t(`threads.composer.keys.${sendKey}`, { mod: sendModifier() })}
      </p>
      <div className="room-composer__row">
        <textarea
          id={`${id}-body`}
          className="textarea room-composer__input"
          rows={2}
          value={body}
          maxLength={maxLength}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button button--primary" disabled={empty}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
