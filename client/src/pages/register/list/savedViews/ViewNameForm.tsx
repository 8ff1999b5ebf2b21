import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SAVED_VIEW_NAME_LENGTH, SavedViewName } from '@shared/schemas/savedViews';
import { TextField } from '@client/components/TextField';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useRegisterT } from '../../useRegisterT';

interface Props {
  label: string;
  initial: string;
  busy: boolean;
  /** Resolves when saved; a message is an error to show under the field. */
  onSave: (name: string) => Promise<string | null>;
  onCancel: () => void;
}

/** A saved view's name, asked inline (not window.prompt): saving a new view, or renaming one. */
export function ViewNameForm({ label, initial, busy, onSave, onCancel }: Props) {
  const rt = useRegisterT();
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const form = useRef<HTMLFormElement>(null);
  // Opened by a button: the keyboard goes straight to the name.
  useEffect(() => form.current?.querySelector('input')?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = SavedViewName.safeParse(name);
    if (!parsed.success) return setError(rt('register.savedViews.nameHint', { max: SAVED_VIEW_NAME_LENGTH }));
    setError((await onSave(parsed.data)) ?? undefined);
  }

  return (
    <form
      ref={form}
      className="form form--compact saved-views__form"
      noValidate
      onKeyDown={(event) => {
        preventSubmitWhileComposing(event);
        if (event.key === 'Escape') onCancel();
      }}
      onSubmit={(event) => void submit(event)}
    >
      <TextField
        label={label}
        hint={rt('register.savedViews.nameHint', { max: SAVED_VIEW_NAME_LENGTH })}
        error={error}
        value={name}
        maxLength={SAVED_VIEW_NAME_LENGTH}
        onChange={(event) => setName(event.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy} aria-busy={busy || undefined}>
          {busy ? rt('register.savedViews.saving') : rt('register.savedViews.save')}
        </button>
        <button type="button" className="button button--tertiary button--small" onClick={onCancel}>
          {rt('register.savedViews.cancel')}
        </button>
      </div>
    </form>
  );
}
