import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SecondFactorPending } from '@shared/schemas/mfa';
import { LoginBody } from '@shared/schemas/users';
import { isApiError } from '@client/api';
import { TextField } from '@client/components/TextField';
import { FormAlert } from '@client/components/FormAlert';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { fieldErrorsFromZod, requiredErrors, type FieldErrors } from '@client/components/formErrors';
import { useLogin } from '@client/queries/me';

type Fields = 'email' | 'password';

interface Props {
  redirectTo: string;
  /** Starting values (from the demo account list); the page remounts the form to apply new ones. */
  initial: { email: string; password: string } | null;
  /** The password was right and a second factor is asked for. */
  onSecondFactor: (methods: SecondFactorPending['methods']) => void;
}

export function LoginForm({ redirectTo, initial, onSecondFactor }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const login = useLogin();
  const [email, setEmail] = useState(initial?.email ?? '');
  const [password, setPassword] = useState(initial?.password ?? '');
  const [errors, setErrors] = useState<FieldErrors<Fields>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function failureMessage(error: unknown): string {
    if (isApiError(error) && error.status === 401) return t('login.wrongCredentials');
    if (isApiError(error) && error.status === 429) {
      return error.retryAfterSeconds
        ? t('login.throttled', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })
        : t('login.throttledSoon');
    }
    return errorMessage(error);
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const missing = requiredErrors({ email, password }, t);
    const parsed = LoginBody.safeParse({ email, password });
    const found = Object.keys(missing).length > 0 ? missing : parsed.success ? {} : fieldErrorsFromZod<Fields>(parsed.error, t);
    setErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;

    login.mutate(parsed.data, {
      onSuccess: (answer) => ('mfa' in answer ? onSecondFactor(answer.methods) : void navigate(redirectTo, { replace: true })),
      onError: (error) => setFormError(failureMessage(error)),
    });
  }

  return (
    <form className="form" onSubmit={submit} onKeyDown={preventSubmitWhileComposing} noValidate aria-busy={login.isPending || undefined}>
      <FormAlert message={formError} />
      <TextField
        label={t('login.email')}
        type="email"
        name="email"
        autoComplete="username"
        inputMode="email"
        required
        value={email}
        error={errors.email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        label={t('login.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        error={errors.password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <button type="submit" className="button button--primary button--block" disabled={login.isPending}>
        {login.isPending ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
