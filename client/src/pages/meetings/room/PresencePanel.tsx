import { useId, useMemo, useState } from 'react';
import type { RoomPresence } from '@shared/schemas/meetings';
import { useLanguage } from '@client/i18n/useLanguage';
import { orgRefName } from '@client/components/OrgRefName';
import { HandMark, SpeakerBadge } from '../common/MeetingBadges';
import { useMeetingsT } from '../useMeetingsT';

/** Organisations listed before "show all": a plenary has ~190 of them. */
const FIRST_ORGS = 20;
/** People listed for a name search; narrowing further is quicker than scrolling. */
const MAX_MATCHES = 50;

interface Props {
  presence: RoomPresence;
  floorIds: ReadonlySet<string>;
  /** Whose hand is raised (挙手): ✋ beside them, and a count on their organisation's row. */
  handIds: ReadonlySet<string>;
}

/**
 * 参加者: who is in the room, grouped by organisation with counts, each organisation with the badge
 * of its kind (府省 / 団体 / 事務局 / 開発 / 支援). Names are rendered only for the organisations opened
 * (or a search), so a 2,000-person plenary costs a few dozen nodes, not thousands.
 */
export function PresencePanel({ presence, floorIds, handIds }: Props) {
  const mt = useMeetingsT();
  const [language] = useLanguage();
  const id = useId();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [query, setQuery] = useState('');

  const groups = useMemo(
    () =>
      [...presence].sort(
        (a, b) =>
          b.people.length - a.people.length ||
          orgRefName(a.organization, language).localeCompare(orgRefName(b.organization, language), language),
      ),
    [presence, language],
  );
  const total = groups.reduce((sum, g) => sum + g.people.length, 0);
  const needle = query.trim().toLowerCase();
  const matches = useMemo(() => {
    if (!needle) return [];
    const found = [];
    for (const g of groups) {
      const orgMatches = orgRefName(g.organization, language).toLowerCase().includes(needle);
      for (const person of g.people) {
        if (orgMatches || person.displayName.toLowerCase().includes(needle)) found.push({ person, organization: g.organization });
        if (found.length > MAX_MATCHES) return found;
      }
    }
    return found;
  }, [groups, needle, language]);
  const visibleGroups = showAll ? groups : groups.slice(0, FIRST_ORGS);
  const toggle = (orgId: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(orgId)) next.delete(orgId);
      else next.add(orgId);
      return next;
    });
  const floorMark = (personId: string) => floorIds.has(personId) && <span className="floor-flag">{mt('meetings.room.hasFloor')}</span>;
  const handMark = (personId: string) => handIds.has(personId) && <HandMark label={mt('meetings.room.handRaisedMark')} />;

  return (
    <section className="room-panel room-presence" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="room-panel__title">
        {mt('meetings.room.presence')}{' '}
        <span className="room-panel__count">
          {mt('meetings.room.presenceCount', {
            people: mt('meetings.room.people', { count: total }),
            organizations: mt('meetings.room.organizations', { count: groups.length }),
          })}
        </span>
      </h2>
      <label className="field__label field__label--small" htmlFor={`${id}-q`}>
        {mt('meetings.room.presenceSearch')}
      </label>
      <input id={`${id}-q`} type="search" className="input input--small" value={query} onChange={(event) => setQuery(event.target.value)} />
      {needle ? (
        <>
          <p className="small" aria-live="polite">
            {matches.length > MAX_MATCHES
              ? mt('meetings.room.presenceTooMany', { count: MAX_MATCHES })
              : mt('meetings.room.presenceFound', { count: matches.length })}
          </p>
          <ul className="room-presence__people">
            {matches.slice(0, MAX_MATCHES).map(({ person, organization }) => (
              <li key={person.id}>
                <SpeakerBadge kind={person.kind} /> <span data-user-content>{person.displayName}</span>{' '}
                <span className="small muted">{orgRefName(organization, language)}</span> {handMark(person.id)} {floorMark(person.id)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <ul className="room-presence__orgs">
            {visibleGroups.map((g) => {
              const expanded = open.has(g.organization.id);
              const raised = handIds.size ? g.people.filter((p) => handIds.has(p.id)).length : 0;
              return (
                <li key={g.organization.id}>
                  <button type="button" className="room-presence__org" aria-expanded={expanded} onClick={() => toggle(g.organization.id)}>
                    <span aria-hidden="true" className="room-presence__chevron">
                      {expanded ? '▾' : '▸'}
                    </span>
                    <SpeakerBadge kind={g.people[0]?.kind ?? null} />
                    <span className="room-presence__org-name">{orgRefName(g.organization, language)}</span>
                    {raised > 0 && (
                      <span className="hand-mark">
                        <span aria-hidden="true">✋{raised}</span>
                        <span className="visually-hidden">{mt('meetings.room.handsInOrg', { count: raised })}</span>
                      </span>
                    )}
                    <span className="room-presence__org-count">{mt('meetings.room.people', { count: g.people.length })}</span>
                  </button>
                  {expanded && (
                    <ul className="room-presence__people">
                      {g.people.map((person) => (
                        <li key={person.id}>
                          <span data-user-content>{person.displayName}</span> {handMark(person.id)} {floorMark(person.id)}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
          {groups.length > FIRST_ORGS && (
            <button
              type="button"
              className="button button--tertiary button--small"
              aria-expanded={showAll}
              onClick={() => setShowAll((v) => !v)}
            >
              {showAll ? mt('meetings.room.fewerOrgs') : mt('meetings.room.allOrgs', { count: groups.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
