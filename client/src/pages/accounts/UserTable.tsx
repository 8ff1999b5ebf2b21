import { useTranslation } from 'react-i18next';
import type { Organization } from '@shared/schemas/organizations';
import type { User } from '@shared/schemas/users';
import { UserRow } from './UserRow';
import type { Result } from './ActionResult';

interface Props {
  users: User[];
  organization: Organization;
  caption: string;
  onResult: (result: Result) => void;
}

export function UserTable({ users, organization, caption, onResult }: Props) {
  const { t } = useTranslation();
  if (users.length === 0) return <p className="muted">{t('accounts.table.empty')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby="user-table-caption" tabIndex={0}>
      <table className="table">
        <caption id="user-table-caption" className="visually-hidden">
          {t('accounts.table.caption', { organization: caption })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('accounts.table.name')}</th>
            <th scope="col">{t('accounts.table.email')}</th>
            <th scope="col">{t('accounts.table.role')}</th>
            <th scope="col">{t('accounts.table.status')}</th>
            <th scope="col">{t('accounts.table.lastLogin')}</th>
            <th scope="col">{t('accounts.table.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} organization={organization} onResult={onResult} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
