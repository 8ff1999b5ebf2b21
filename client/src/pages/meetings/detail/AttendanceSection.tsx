import type { Meeting } from '@shared/schemas/meetings';
import { isHybrid } from '@shared/meetings/rules';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { useAttendance } from '@client/queries/meetings';
import { DownloadButton } from '../common/DownloadButton';
import { useMeetingLabels } from '../common/labels';
import { OrgRefName } from '@client/components/OrgRefName';
import { useMeetingsT } from '../useMeetingsT';

/** The secretariat's view of the answers, by organisation, with the full list as Excel or CSV. */
export function AttendanceSection({ meeting }: { meeting: Meeting }) {
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const attendance = useAttendance(meeting.id);
  const hybrid = isHybrid(meeting.kind);
  const base = `/api/meetings/${encodeURIComponent(meeting.id)}/attendance`;

  return (
    <section className="section meeting-section" aria-labelledby="attendance-title">
      <div className="meeting-section__heading">
        <h2 id="attendance-title">{mt('meetings.attendance.title')}</h2>
        <div className="meeting-section__tools" role="group" aria-label={mt('meetings.attendance.export')}>
          <DownloadButton path={`${base}.xlsx`} fallbackName={`attendance-${meeting.id}.xlsx`} label={mt('meetings.attendance.xlsx')} />
          <DownloadButton path={`${base}.csv`} fallbackName={`attendance-${meeting.id}.csv`} label={mt('meetings.attendance.csv')} />
        </div>
      </div>
      {attendance.isPending ? (
        <LoadingState />
      ) : attendance.isError ? (
        <ErrorState error={attendance.error} onRetry={() => void attendance.refetch()} />
      ) : attendance.data.byOrganization.length === 0 ? (
        <p className="muted">{mt('meetings.attendance.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{mt('meetings.attendance.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{mt('meetings.attendance.organization')}</th>
                <th scope="col">{labels.rsvp('online')}</th>
                {hybrid && <th scope="col">{labels.rsvp('inPerson')}</th>}
                <th scope="col">{labels.rsvp('absent')}</th>
              </tr>
            </thead>
            <tbody>
              {attendance.data.byOrganization.map((row) => (
                <tr key={row.organization.id}>
                  <th scope="row">
                    <OrgRefName organization={row.organization} />
                  </th>
                  <td className="numeric">{row.online}</td>
                  {hybrid && <td className="numeric">{row.inPerson}</td>}
                  <td className="numeric">{row.absent}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{mt('meetings.attendance.total')}</th>
                <td className="numeric">{attendance.data.counts.online}</td>
                {hybrid && <td className="numeric">{attendance.data.counts.inPerson}</td>}
                <td className="numeric">{attendance.data.counts.absent}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
