import { Link, useSearchParams } from 'react-router';
import { ANNOUNCEMENT_STATUSES, type AnnouncementStatus } from '@shared/announcements/rules';
import type { AnnouncementSummary } from '@shared/schemas/announcements';
import { useCurrentUser } from '@client/components/CurrentUser';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { Field } from '@client/components/Field';
import { LoadingState } from '@client/components/LoadingState';
import { Pagination } from '@client/components/Pagination';
import { usePageTitle } from '@client/components/usePageTitle';
import { useAnnouncementList, type AnnouncementListFilters } from '@client/queries/announcements';
import { AnnouncementMarks, AudienceText, MyState } from './AnnouncementMarks';
import { useAnnouncementsT } from './useAnnouncementsT';
import './announcements.css';

const isStatus = (value: string | null): value is AnnouncementStatus =>
  (ANNOUNCEMENT_STATUSES as readonly (string | null)[]).includes(value);

/** The filters live in the address (`?unconfirmed=true&page=2`), so the banner can link to them and a reload keeps them. */
function useListFilters() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const status = params.get('status');
  const filters: AnnouncementListFilters = {
    page,
    ...(params.get('unconfirmed') === 'true' ? { unconfirmed: true } : {}),
    ...(isStatus(status) ? { status } : {}),
  };
  const update = (change: Partial<AnnouncementListFilters>) => {
    const next = { ...filters, page: 1, ...change };
    const query = new URLSearchParams();
    if (next.page > 1) query.set('page', String(next.page));
    if (next.unconfirmed) query.set('unconfirmed', 'true');
    if (next.status) query.set('status', next.status);
    setParams(query);
  };
  return { filters, update };
}

/** /announcements: お知らせ一覧, newest first, with the reader's organisation's state (the secretariat: the counts). */
export function AnnouncementListPage() {
  const at = useAnnouncementsT();
  usePageTitle(at('announcements.list.title'));
  const me = useCurrentUser();
  const secretariat = me.abilities['announcement.publish'];
  const confirms = me.abilities['announcement.confirm'];
  const { filters, update } = useListFilters();
  const list = useAnnouncementList(filters);

  return (
    <>
      <header className="page-header announcement-list__header">
        <div>
          <p className="page-header__eyebrow">{at('announcements.eyebrow')}</p>
          <h1>{at('announcements.list.title')}</h1>
          <p className="lead">{at('announcements.list.lead')}</p>
        </div>
        {secretariat && (
          <Link className="button button--primary" to="/announcements/new">
            {at('announcements.list.new')}
          </Link>
        )}
      </header>
      <div className="announcement-filters">
        {confirms && (
          <fieldset className="announcement-filters__group">
            <legend className="field__label">{at('announcements.list.filter')}</legend>
            <div className="segmented">
              {([false, true] as const).map((unconfirmed) => (
                <label key={String(unconfirmed)} className="segmented__option">
                  <input
                    type="radio"
                    name="announcement-filter"
                    checked={Boolean(filters.unconfirmed) === unconfirmed}
                    onChange={() => update({ unconfirmed })}
                  />
                  <span>{at(unconfirmed ? 'announcements.list.filterUnconfirmed' : 'announcements.list.filterAll')}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {secretariat && (
          <Field label={at('announcements.list.statusFilter')}>
            {(control) => (
              <select
                className="select"
                {...control}
                value={filters.status ?? ''}
                onChange={(event) => update({ status: isStatus(event.target.value) ? event.target.value : undefined })}
              >
                <option value="">{at('announcements.list.statusAll')}</option>
                {ANNOUNCEMENT_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {at(`announcements.status.${status}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <section aria-labelledby="announcement-results">
        <h2 id="announcement-results" className="visually-hidden">
          {at('announcements.list.title')}
        </h2>
        {list.isPending ? (
          <LoadingState />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.announcements.length === 0 ? (
          <div className="state-panel">
            <p>{filters.unconfirmed ? at('announcements.list.emptyUnconfirmed') : at('announcements.list.empty')}</p>
          </div>
        ) : (
          <>
            <p className="result-count" role="status">
              {at('announcements.list.count', { count: list.data.total })}
            </p>
            <ul className="announcement-list">
              {list.data.announcements.map((a) => (
                <AnnouncementListItem key={a.id} announcement={a} secretariat={secretariat} />
              ))}
            </ul>
            {list.data.total > list.data.pageSize && (
              <Pagination
                page={list.data.page}
                pageSize={list.data.pageSize}
                total={list.data.total}
                onPage={(page) => update({ ...filters, page })}
              />
            )}
          </>
        )}
      </section>
    </>
  );
}

function AnnouncementListItem({ announcement: a, secretariat }: { announcement: AnnouncementSummary; secretariat: boolean }) {
  const at = useAnnouncementsT();
  return (
    <li className={`announcement-item announcement-item--${a.status}${a.awaitingMyConfirmation ? ' announcement-item--awaiting' : ''}`}>
      <div className="announcement-item__marks">
        <AnnouncementMarks announcement={a} />
      </div>
      <h3 className="announcement-item__title">
        <Link to={`/announcements/${a.id}`} data-user-content>
          {a.title}
        </Link>
      </h3>
      <dl className="announcement-item__facts">
        <div>
          <dt>{at('announcements.fields.publishedAt')}</dt>
          <dd>
            <DateTimeText iso={a.publishedAt} fallback="—" />
          </dd>
        </div>
        <div>
          <dt>{at('announcements.list.deadline')}</dt>
          <dd>{a.deadline ? <DateTimeText iso={a.deadline} /> : at('announcements.list.noDeadline')}</dd>
        </div>
        <div>
          <dt>{at('announcements.fields.audience')}</dt>
          <dd>
            <AudienceText audience={a.audience} />
          </dd>
        </div>
        {secretariat ? (
          a.counts &&
          a.mustConfirm &&
          a.status !== 'draft' && (
            <div>
              <dt>{at('announcements.fields.confirmations')}</dt>
              <dd>{at('announcements.list.counts', { confirmed: a.counts.confirmed, audience: a.counts.audience })}</dd>
            </div>
          )
        ) : (
          <div>
            <dt>{at('announcements.fields.myState')}</dt>
            <dd>
              <MyState announcement={a} />
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}
