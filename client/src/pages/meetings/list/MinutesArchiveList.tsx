import { Link } from 'react-router';
import type { MinutesArchiveEntry } from '@shared/schemas/meetings';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { Pagination } from '@client/components/Pagination';
import { useMinutesArchive, type MinutesArchiveParams } from '@client/queries/meetings';
import { FactList } from '../common/FactList';
import { KindBadge } from '../common/MeetingBadges';
import { MeetingTime } from '../common/MeetingTime';
import { useMeetingsT } from '../useMeetingsT';

interface Props {
  params: MinutesArchiveParams;
  /** Go to another page of the archive. */
  onPage: (page: number) => void;
}

/** 議事録: the published minutes across meetings, newest meeting first, a page at a time. */
export function MinutesArchiveList({ params, onPage }: Props) {
  const mt = useMeetingsT();
  const archive = useMinutesArchive(params);

  if (archive.isPending) return <LoadingState />;
  if (archive.isError) return <ErrorState error={archive.error} onRetry={() => void archive.refetch()} />;
  const { minutes, total, page, pageSize } = archive.data;

  return (
    <>
      <p className="small muted">{mt('meetings.archive.lead')}</p>
      {total === 0 ? (
        <div className="state-panel">
          <p>{mt('meetings.list.empty.minutes')}</p>
        </div>
      ) : (
        <>
          <p className="result-count" role="status">
            {mt('meetings.archive.count', { count: total })}
          </p>
          <ul className="meeting-list minutes-archive">
            {minutes.map((entry) => (
              <ArchiveEntry key={entry.meetingId} entry={entry} />
            ))}
          </ul>
          {total > pageSize && <Pagination page={page} pageSize={pageSize} total={total} onPage={onPage} />}
        </>
      )}
    </>
  );
}

function ArchiveEntry({ entry }: { entry: MinutesArchiveEntry }) {
  const mt = useMeetingsT();
  return (
    <li className="meeting-item minutes-archive__item">
      <h3 className="meeting-item__title minutes-archive__title">
        <KindBadge kind={entry.kind} />
        <Link to={`/meetings/${entry.meetingId}/minutes/view`} data-user-content>
          {entry.title}
        </Link>
      </h3>
      <FactList
        className="meeting-item__facts"
        facts={[
          [mt('meetings.archive.heldOn'), <MeetingTime startsAt={entry.startsAt} endsAt={entry.endsAt} />],
          [mt('meetings.archive.publishedAt'), <DateTimeText iso={entry.publishedAt} dateOnly />],
        ]}
      />
    </li>
  );
}
