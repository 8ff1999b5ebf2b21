import { useTranslation } from 'react-i18next';
import { ORG_KINDS, type OrgKind } from '@shared/domain';

interface Props<O extends { id: string; kind: OrgKind }> {
  organizations: readonly O[];
  name: (organization: O) => string;
}

/** A <select>'s organisations grouped as secretariat, vendors, observers (empty groups left out), in the order given. */
export function OrganizationOptions<O extends { id: string; kind: OrgKind }>({ organizations, name }: Props<O>) {
  const { t } = useTranslation();
  return ORG_KINDS.map((kind) => {
    const group = organizations.filter((o) => o.kind === kind);
    return group.length === 0 ? null : (
      <optgroup key={kind} label={t(`orgKinds.${kind}`)}>
        {group.map((o) => (
          <option key={o.id} value={o.id}>
            {name(o)}
          </option>
        ))}
      </optgroup>
    );
  });
}
