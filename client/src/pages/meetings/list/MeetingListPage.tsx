import { useId } from 'react';
import { Link } from 'react-router';
import { MEETING_KINDS, type MeetingKind } from '@shared/meetings/rules';
import { useCurrentUser } from '@client/components/CurrentUser';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { usePageTitle } from '@client/components/usePageTitle';
import { useMeetingList, type MeetingListFilters } from '@client/queries/meetings';
import { useMeetingLabels } from '../common/labels';
import { useMeetingsT } from '../useMeetingsT';
import { ActionItemsPanel } from './ActionItemsPanel';
import { CalendarFeedSection } from './CalendarFeedSection';
import { MeetingListItem } from './MeetingListItem';
import { MeetingTabs } from './MeetingTabs';
import { MinutesArchiveList } from './MinutesArchiveList';
import { useMeetingListView, type MeetingTab } from './useMeetingListView';

/** /meetings: upcoming, past or one's own meetings, or the archive of published minutes; one's action items, and the calendar feed. */
export function MeetingListPage() {
  const mt = useMeetingsT();
  usePageTitle(mt('meetings.list.title'));
  const me = useCurrentUser();
  const labels = useMeetingLabels();
  const kindId = useId();
  const view = useMeetingListView();

  return (
    <>
      <header className="page-header page-header--with-action">
        <div>
          <p className="page-header__eyebrow">{mt('meetings.list.eyebrow')}</p>
          <h1>{mt('meetings.list.title')}</h1>
          <p className="lead">{mt('meetings.list.lead')}</p>
        </div>
        {me.abilities['meeting.manage'] && (
          <Link className="button button--primary" to="/meetings/new">
            <span aria-hidden="true">＋</span>
            {mt('meetings.list.create')}
          </Link>
        )}
      </header>
      <div className="meetings-layout">
        <section className="meetings-layout__main" aria-labelledby="meeting-list-title">
          <h2 id="meeting-list-title" className="visually-hidden">
            {mt(`meetings.list.tabs.${view.tab}`)}
          </h2>
          <MeetingTabs current={view.tab} hrefFor={view.hrefFor} />
          <div className="meeting-list-filter">
            <label htmlFor={kindId} className="field__label">
              {mt('meetings.list.kindFilter')}
            </label>
            <select
              id={kindId}
              className="select select--small"
              value={view.kind ?? ''}
              onChange={(event) => view.setKind((event.target.value || undefined) as MeetingKind | undefined)}
            >
              <option value="">{mt('meetings.list.allKinds')}</option>
              {MEETING_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {labels.kind(kind)}
                </option>
              ))}
            </select>
          </div>
          {view.tab === 'minutes' ? (
            <MinutesArchiveList params={view.archive} onPage={view.setPage} />
          ) : (
            <MeetingResults filters={view.filters} tab={view.tab} />
          )}
        </section>
        <aside className="meetings-layout__side" aria-label={mt('meetings.list.sideLabel')}>
          <ActionItemsPanel />
          <CalendarFeedSection />
        </aside>
      </div>
    </>
  );
}

/** The meetings of one of the meeting tabs. */
function MeetingResults({ filters, tab }: { filters: MeetingListFilters; tab: Exclude<MeetingTab, 'minutes'> }) {
  const mt = useMeetingsT();
  const list = useMeetingList(filters);
  const meetings = list.data?.meetings ?? [];
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (meetings.length === 0) {
    return (
      <div className="state-panel">
        <p>{mt(`meetings.list.empty.${tab}`)}</p>
      </div>
    );
  }
  return (
    <>
      <p className="result-count" role="status">
        {mt('meetings.list.count', { count: meetings.length })}
      </p>
      <ul className="meeting-list">
        {meetings.map((meeting) => (
          <MeetingListItem key={meeting.id} meeting={meeting} />
        ))}
      </ul>
    </>
  );
}
