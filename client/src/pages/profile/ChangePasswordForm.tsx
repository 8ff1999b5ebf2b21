import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordBody } from '@shared/schemas/users';
import { isApiError } from '@client/api';
import { TextField } from '@client/components/TextField';
import { FormAlert } from '@client/components/FormAlert';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { Notice } from '@client/components/Notice';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { fieldErrorsFromZod, requiredErrors, serverFieldError, type FieldErrors } from '@client/components/formErrors';
import { useChangePassword } from '@client/queries/me';

type Fields = 'currentPassword' | 'newPassword' | 'confirmPassword';
const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' } satisfies Record<Fields, string>;

/** Validated with the same ChangePasswordBody schema the server uses. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const changePassword = useChangePassword();
  const [values, setValues] = useState<Record<Fields, string>>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<Fields>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const set = (field: Fields) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  function validate(): ChangePasswordBody | null {
    const missing = requiredErrors(values, t);
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      return null;
    }
    const parsed = ChangePasswordBody.safeParse({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    const found: FieldErrors<Fields> = parsed.success
      ? {}
      : fieldErrorsFromZod<Fields>(parsed.error, t, { newPassword: t('profile.password.mustDiffer') });
    if (!found.confirmPassword && values.confirmPassword !== values.newPassword) {
      found.confirmPassword = t('profile.password.mismatch');
    }
    setErrors(found);
    return parsed.success && Object.keys(found).length === 0 ? parsed.data : null;
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setDone(false);
    const body = validate();
    if (!body) return;
    changePassword.mutate(body, {
      onSuccess() {
        setValues(EMPTY);
        setDone(true);
      },
      onError(error) {
        if (isApiError(error) && error.status === 401) {
          setErrors({ currentPassword: t('profile.password.currentWrong') });
        } else {
          const fieldError = serverFieldError(error, Object.keys(EMPTY) as Fields[], t);
          if (fieldError) setErrors(fieldError);
          else setFormError(errorMessage(error));
        }
      },
    });
  }

  return (
    <form
      className="form card"
      onSubmit={submit}
      onKeyDown={preventSubmitWhileComposing}
      noValidate
      aria-busy={changePassword.isPending || undefined}
    >
      {done && (
        <Notice tone="success">
          <p>{t('profile.password.success')}</p>
        </Notice>
      )}
      <FormAlert message={formError} />
      <TextField
        label={t('profile.password.current')}
        type="password"
        autoComplete="current-password"
        required
        value={values.currentPassword}
        error={errors.currentPassword}
        onChange={set('currentPassword')}
      />
      <TextField
        label={t('profile.password.new')}
        hint={t('profile.password.newHint')}
        type="password"
        autoComplete="new-password"
        minLength={12}
        required
        value={values.newPassword}
        error={errors.newPassword}
        onChange={set('newPassword')}
      />
      <TextField
        label={t('profile.password.confirm')}
        type="password"
        autoComplete="new-password"
        required
        value={values.confirmPassword}
        error={errors.confirmPassword}
        onChange={set('confirmPassword')}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={changePassword.isPending}>
          {changePassword.isPending ? t('profile.password.submitting') : t('profile.password.submit')}
        </button>
      </div>
    </form>
  );
}
