/**
 * Each organisation's speaker kind (府省 / 団体 / 事務局 / 開発 / 支援: the badge beside a name in the
 * live room), for records that name a person as they were named when they wrote (chat, questions)
 * and so carry no kind of their own. The whole collection — the council's ~190 organisations — is read
 * at once and kept for a minute; a change in this process forgets it, and an organisation missing from
 * the copy held (created in another process since) has it read again.
 */
import { speakerKindOf, type SpeakerKind } from '@shared/domain';
import { OrganizationModel } from './model';

const HOLD_MS = 60_000;
/** A copy younger than this is not read again for a missing organisation (an id that names none). */
const MISS_RETRY_MS = 1_000;

type Kinds = ReadonlyMap<string, SpeakerKind>;
let held: { takenAt: number; kinds: Promise<Kinds> } | null = null;

function read(): Promise<Kinds> {
  const kinds = OrganizationModel.find({}, { kind: 1, vendorType: 1, observerKind: 1 })
    .lean()
    .then((orgs) => new Map(orgs.map((o) => [String(o._id), speakerKindOf(o)])));
  const entry = { takenAt: Date.now(), kinds };
  held = entry;
  kinds.catch(() => {
    if (held === entry) held = null;
  });
  return kinds;
}

/** The kinds of (at least) the organisations named, keyed by organisation id. */
export async function speakerKinds(organizationIds: Iterable<string>): Promise<Kinds> {
  const entry = held && Date.now() - held.takenAt < HOLD_MS ? held : null;
  const kinds = await (entry?.kinds ?? read());
  if (!entry || Date.now() - entry.takenAt < MISS_RETRY_MS) return kinds;
  for (const id of organizationIds) if (!kinds.has(id)) return read();
  return kinds;
}

/** An organisation was created or changed here: the next look-up reads them afresh. */
export function organizationsChanged(): void {
  held = null;
}
