import { useTranslation } from 'react-i18next';
import { ROLES_BY_ORG_KIND, type Role } from '@shared/domain';
import type { Organization } from '@shared/schemas/organizations';
import type { User } from '@shared/schemas/users';
import { useCurrentUser } from '@client/components/CurrentUser';
import { DateTimeText } from '@client/components/DateTimeText';
import { EmailAddress } from '@client/components/EmailAddress';
import { RoleEditor } from './RoleEditor';
import { ActiveToggle } from './ActiveToggle';
import { ResetSecondFactorButton } from './ResetSecondFactorButton';
import type { Result } from './ActionResult';

interface Props {
  user: User;
  organization: Organization;
  onResult: (result: Result) => void;
}

export function UserRow({ user, organization, onResult }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isSelf = user.id === me.id;
  const roles: readonly Role[] = ROLES_BY_ORG_KIND[organization.kind];

  return (
    <tr className={user.active ? undefined : 'table__row--inactive'}>
      <th scope="row">
        <span data-user-content>{user.displayName}</span>
        {isSelf && <span className="muted">{t('accounts.table.you')}</span>}
      </th>
      <td>
        <EmailAddress email={user.email} />
      </td>
      <td>{roles.length > 1 && !isSelf ? <RoleEditor user={user} roles={roles} onResult={onResult} /> : t(`roles.${user.role}`)}</td>
      <td>
        {user.active ? (
          <span className="badge badge--active">{t('accounts.table.active')}</span>
        ) : user.deactivatedBy === 'secretariat' ? (
          <span className="badge badge--inactive" title={t('accounts.table.inactiveBySecretariatHint')}>
            {t('accounts.table.inactiveBySecretariat')}
          </span>
        ) : (
          <span className="badge badge--inactive">{t('accounts.table.inactive')}</span>
        )}
      </td>
      <td className="nowrap">
        <DateTimeText iso={user.lastLoginAt} fallback={t('accounts.table.never')} />
      </td>
      <td>
        {isSelf ? (
          <span className="small muted">{t('accounts.selfNote')}</span>
        ) : (
          <span className="row-actions">
            <ActiveToggle user={user} onResult={onResult} />
            {me.abilities['account.resetSecondFactor'] && <ResetSecondFactorButton user={user} onResult={onResult} />}
          </span>
        )}
      </td>
    </tr>
  );
}
