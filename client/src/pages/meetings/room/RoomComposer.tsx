import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMeetingsT } from '../useMeetingsT';

interface Props {
  label: string;
  submitLabel: string;
  onSend: (body: string) => void;
  /** Chat and questions both allow 2,000 characters. */
  maxLength?: number;
}

const MAX = 2_000;

/**
 * A text box that sends with Enter and breaks the line with Shift+Enter. An Enter that confirms a
 * Japanese IME conversion never sends (isComposing; keyCode 229 for Safari, which ends the
 * composition before the keydown arrives).
 */
export function RoomComposer({ label, submitLabel, onSend, maxLength = MAX }: Props) {
  const mt = useMeetingsT();
  const id = useId();
  const [body, setBody] = useState('');
  const empty = body.trim().length === 0;

  function send() {
    if (empty || body.length > maxLength) return;
    onSend(body);
    setBody('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey) return;
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
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
        {mt('meetings.room.composerHint')}
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
