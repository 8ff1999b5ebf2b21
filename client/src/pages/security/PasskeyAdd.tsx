import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasskeyName } from '@shared/schemas/passkeys';
import { FormAlert } from '@client/components/FormAlert';
import { TextField } from '@client/components/TextField';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useAddPasskey } from '@client/queries/passkeys';
import { passkeyFailure } from './passkeyErrors';

/** Name a new passkey, then make it with the browser's dialog; `onAdded` gets its name. */
export function PasskeyAdd({ onAdded }: { onAdded: (name: string) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const add = useAddPasskey();
  const [name, setName] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = PasskeyName.safeParse(name);
    if (!parsed.success) return setFieldError(t('mfa.passkeys.nameRequired'));
    setFieldError(undefined);
    add.mutate(parsed.data, {
      onSuccess: (passkey) => {
        setName('');
        onAdded(passkey.name);
      },
      onError: (error) => setFormError(passkeyFailure(error, t, errorMessage)),
    });
  }

  return (
    <form className="form" onSubmit={submit} onKeyDown={preventSubmitWhileComposing} noValidate aria-busy={add.isPending || undefined}>
      <FormAlert message={formError} />
      <TextField
        label={t('mfa.passkeys.name')}
        hint={t('mfa.passkeys.nameHint')}
        name="passkeyName"
        autoComplete="off"
        maxLength={60}
        required
        value={name}
        error={fieldError}
        onChange={(event) => setName(event.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={add.isPending}>
          {add.isPending ? t('mfa.passkeys.adding') : t('mfa.passkeys.add')}
        </button>
      </div>
    </form>
  );
}
