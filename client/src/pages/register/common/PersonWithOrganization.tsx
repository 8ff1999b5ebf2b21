import type { Person } from '@shared/schemas/threads';
import { OrgRefName } from '@client/components/OrgRefName';

/** A person and their organisation: 山田 花子（デジタル庁）. */
export function PersonWithOrganization({ person }: { person: Person }) {
  return (
    <span className="person-ref">
      <span className="person-ref__name">{person.displayName}</span>
      <span className="person-ref__org">
        <OrgRefName organization={person.organization} />
      </span>
    </span>
  );
}
