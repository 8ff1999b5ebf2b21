import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@shared/domain';
import type { User } from '@shared/schemas/users';
import { useUpdateUser } from '@client/queries/users';
import { useErrorMessage } from '@client/components/useErrorMessage';
import type { Result } from './ActionResult';

interface Props {
  user: User;
  roles: readonly Role[];
  onResult: (result: Result) => void;
}

/** A role select and a button to apply it; nothing changes until the button is pressed. */
export function RoleEditor({ user, roles, onResult }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useUpdateUser();
  const [role, setRole] = useState<Role>(user.role);
  const id = useId();

  function save() {
    update.mutate(
      { id: user.id, changes: { role } },
      {
        onSuccess: (saved) =>
          onResult({ tone: 'success', message: t('accounts.role.saved', { name: saved.displayName, role: t(`roles.${saved.role}`) }) }),
        onError: (error) => {
          setRole(user.role);
          onResult({ tone: 'error', message: errorMessage(error) });
        },
      },
    );
  }

  return (
    <div className="inline-edit">
      <label htmlFor={id} className="visually-hidden">
        {t('accounts.role.label', { name: user.displayName })}
      </label>
      <select
        id={id}
        className="select select--small"
        value={role}
        onChange={(e) => setRole(roles.find((r) => r === e.target.value) ?? user.role)}
      >
        {roles.map((option) => (
          <option key={option} value={option}>
            {t(`roles.${option}`)}
          </option>
        ))}
      </select>
      {role !== user.role && (
        <button type="button" className="button button--primary button--small" onClick={save} disabled={update.isPending}>
          {update.isPending ? t('accounts.role.saving') : t('accounts.role.save')}
        </button>
      )}
    </div>
  );
}
