import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES_BY_ORG_KIND, type Role } from '@shared/domain';
import type { Organization } from '@shared/schemas/organizations';
import { UserCreateBody } from '@shared/schemas/users';
import { isApiError } from '@client/api';
import { Field } from '@client/components/Field';
import { TextField } from '@client/components/TextField';
import { FormAlert } from '@client/components/FormAlert';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { fieldErrorsFromZod, requiredErrors, serverFieldError, type FieldErrors } from '@client/components/formErrors';
import { useCreateUser, type UserCreatedResponse } from '@client/queries/users';

type Fields = 'email' | 'displayName' | 'role';
const FIELDS: readonly Fields[] = ['email', 'displayName', 'role'];

interface Props {
  organization: Organization;
  onCreated: (created: UserCreatedResponse) => void;
}

/** Adds an account to `organization`, offering only the roles valid for its kind. */
export function CreateUserForm({ organization, onCreated }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const createUser = useCreateUser(organization.id);
  const roles: readonly Role[] = ROLES_BY_ORG_KIND[organization.kind];
  const defaultRole: Role = roles[0] ?? 'member';
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>(defaultRole);
  const [errors, setErrors] = useState<FieldErrors<Fields>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const missing = requiredErrors({ email, displayName }, t);
    const parsed = UserCreateBody.safeParse({ email, displayName, role });
    const found = Object.keys(missing).length > 0 ? missing : parsed.success ? {} : fieldErrorsFromZod<Fields>(parsed.error, t);
    setErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;

    createUser.mutate(parsed.data, {
      onSuccess(created) {
        setEmail('');
        setDisplayName('');
        setRole(defaultRole);
        onCreated(created);
      },
      onError(error) {
        if (isApiError(error) && error.reason && error.formField === 'email') {
          // The address is refused for a reason the server names (its domain, or already in use).
          setErrors({ email: errorMessage(error) });
        } else if (isApiError(error) && error.status === 409) {
          setErrors({ email: t('accounts.create.emailTaken') });
        } else {
          const fieldError = serverFieldError(error, FIELDS, t);
          if (fieldError) setErrors(fieldError);
          else setFormError(errorMessage(error));
        }
      },
    });
  }

  return (
    <section className="card create-user" aria-labelledby="create-user-title">
      <h3 id="create-user-title">{t('accounts.create.title')}</h3>
      <p className="muted">{t('accounts.create.lead')}</p>
      <form
        className="form form--grid"
        onSubmit={submit}
        onKeyDown={preventSubmitWhileComposing}
        noValidate
        aria-busy={createUser.isPending || undefined}
      >
        <FormAlert message={formError} />
        <TextField
          label={t('accounts.create.email')}
          type="email"
          autoComplete="off"
          inputMode="email"
          required
          value={email}
          error={errors.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('accounts.create.displayName')}
          autoComplete="off"
          required
          value={displayName}
          error={errors.displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <Field label={t('accounts.create.role')} error={errors.role} required>
          {(control) => (
            <select
              className="select"
              {...control}
              value={role}
              onChange={(e) => setRole(roles.find((r) => r === e.target.value) ?? defaultRole)}
            >
              {roles.map((option) => (
                <option key={option} value={option}>
                  {t(`roles.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={createUser.isPending}>
            {createUser.isPending ? t('accounts.create.submitting') : t('accounts.create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
