import type { Issue } from '@shared/schemas/issues';
import { Field } from '@client/components/Field';
import { useCurrentUser } from '@client/components/CurrentUser';
import { useSecretariatMembers } from '@client/queries/users';
import { useRegisterT } from '../useRegisterT';

/** 担当者: 未割当 or one of the secretariat's active members (the current one kept even if no longer active). */
export function AssigneeSelect({ issue, value, onChange }: { issue: Issue; value: string; onChange: (assignee: string) => void }) {
  const rt = useRegisterT();
  const members = useSecretariatMembers(useCurrentUser());
  const current = issue.assignee;
  const choices = current && !members.some((m) => m.id === current.id) ? [...members, current] : members;
  return (
    <Field label={rt('register.fields.assignee')} hint={rt('register.settings.assigneeHint')}>
      {(control) => (
        <select className="select" {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{rt('register.common.unassigned')}</option>
          {choices.map((member) => (
            <option key={member.id} value={member.id} data-user-content>
              {member.displayName}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
