import type { Person } from '@shared/schemas/threads';
import { OrgRefName } from '@client/components/OrgRefName';

/**
 * A person and their organisation: 山田 花子（デジタル庁）. `block` names the CSS block, so each page
 * keeps its own look: the register's bracketed `person-ref`, the live room's compact `meeting-person`.
 */
export function PersonWithOrganization({ person, block = 'person-ref' }: { person: Person; block?: 'person-ref' | 'meeting-person' }) {
  return (
    <span className={block}>
      <span className={`${block}__name`} data-user-content>
        {person.displayName}
      </span>
      <span className={`${block}__org`}>
        <OrgRefName organization={person.organization} />
      </span>
    </span>
  );
}
