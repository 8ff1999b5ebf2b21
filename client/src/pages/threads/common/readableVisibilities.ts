import { READ_ACTION, VISIBILITIES, type Visibility } from '@shared/threads/rules';
import type { Me } from '@shared/schemas/users';

/** The visibilities this person may read, from the abilities /api/me sent (the server's own rule). */
export function readableVisibilities(me: Me): Visibility[] {
  return VISIBILITIES.filter((visibility) => me.abilities[READ_ACTION[visibility]]);
}
