import type { AnnouncementSummary } from '@shared/schemas/announcements';
import { useLanguage } from '@client/i18n/useLanguage';
import { useBusinessAreaOptions } from '@client/components/BusinessAreaSelect';
import { orgRefName } from '@client/components/OrgRefName';
import { useAnnouncementsT } from './useAnnouncementsT';

/** 重要, 下書き / 取り下げ and 訂正あり: the marks beside an announcement's title (published and normal need none). */
export function AnnouncementMarks({ announcement }: { announcement: AnnouncementSummary }) {
  const at = useAnnouncementsT();
  return (
    <>
      {announcement.importance === 'high' && <span className="badge announcement-importance">{at('announcements.importance.high')}</span>}
      {announcement.status !== 'published' && (
        <span className={`badge announcement-status announcement-status--${announcement.status}`}>
          {at(`announcements.status.${announcement.status}`)}
        </span>
      )}
      {announcement.correctedAt && announcement.status !== 'draft' && (
        <span className="badge announcement-status">{at('announcements.detail.corrected')}</span>
      )}
    </>
  );
}

/** Whom it is for, in words: the kind, and the areas or (the secretariat's view) the organisations named. */
export function AudienceText({ audience }: { audience: AnnouncementSummary['audience'] }) {
  const at = useAnnouncementsT();
  const [language] = useLanguage();
  const areas = useBusinessAreaOptions();
  const kind = at(`announcements.audience.${audience.kind}`);
  const named =
    audience.kind === 'businessAreas'
      ? audience.businessAreas.map((key) => areas.find((a) => a.value === key)?.label ?? key)
      : audience.organizations.map((o) => orgRefName(o, language));
  if (named.length === 0) return <>{kind}</>;
  return (
    <>
      {kind}
      {at('announcements.list.separator')}
      <span data-user-content={audience.kind === 'organizations' || undefined}>{named.join(at('announcements.list.listJoiner'))}</span>
    </>
  );
}

/** The reader's organisation's state: confirmed, not yet, or not asked. */
export function MyState({ announcement }: { announcement: AnnouncementSummary }) {
  const at = useAnnouncementsT();
  if (announcement.myConfirmation)
    return <span className="announcement-state announcement-state--confirmed">{at('announcements.state.confirmed')}</span>;
  if (announcement.awaitingMyConfirmation)
    return <span className="announcement-state announcement-state--unconfirmed">{at('announcements.state.unconfirmed')}</span>;
  return <span className="muted">{at('announcements.state.notAsked')}</span>;
}
