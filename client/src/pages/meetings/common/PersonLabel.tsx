import type { Person } from '@shared/schemas/threads';
import { OrgRefName } from '@client/components/OrgRefName';

/** 山田 花子（デジタル庁） */
export function PersonLabel({ person }: { person: Person }) {
  return (
    <span className="meeting-person">
      <span className="meeting-person__name">{person.displayName}</span>
      <span className="meeting-person__org">
        <OrgRefName organization={person.organization} />
      </span>
    </span>
  );
}
