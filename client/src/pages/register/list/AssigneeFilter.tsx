import { useCurrentUser } from '@client/components/CurrentUser';
import { useSecretariatMembers } from '@client/queries/users';
import { useRegisterT } from '../useRegisterT';
import type { RegisterView } from './useRegisterView';

/** 担当者 (the secretariat's own filter): すべて, 自分, 未割当 or one member; the URL's `assignee`. */
export function AssigneeFilter({ view, update }: Pick<RegisterView, 'view' | 'update'>) {
  const rt = useRegisterT();
  const me = useCurrentUser();
  const members = useSecretariatMembers(me);
  if (me.organization.kind !== 'secretariat') return null;
  const value = view.assignee === me.id ? 'me' : (view.assignee ?? '');
  return (
    <label className="register-filters__answer">
      <span className="field__label">{rt('register.fields.assignee')}</span>
      <select className="select select--small" value={value} onChange={(event) => update({ assignee: event.target.value || undefined })}>
        <option value="">{rt('register.filters.assigneeAny')}</option>
        <option value="me">{rt('register.filters.assigneeMe')}</option>
        <option value="none">{rt('register.filters.assigneeNone')}</option>
        {members
          .filter((m) => m.id !== me.id)
          .map((member) => (
            <option key={member.id} value={member.id} data-user-content>
              {member.displayName}
            </option>
          ))}
        {view.assignee && !['me', 'none', me.id].includes(view.assignee) && !members.some((m) => m.id === view.assignee) && (
          <option value={view.assignee} data-user-content>
            {view.assignee}
          </option>
        )}
      </select>
    </label>
  );
}
