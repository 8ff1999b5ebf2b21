import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { TRACKER_ORG_KINDS, type TrackerOrgKind } from '@shared/announcements/rules';
import type { Tracker } from '@shared/schemas/announcements';
import { useCurrentUser } from '@client/components/CurrentUser';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { Field } from '@client/components/Field';
import { RemindControl, ReminderLog } from '@client/components/Reminders';
import { LoadingState } from '@client/components/LoadingState';
import { NotPermitted } from '@client/components/NotPermitted';
import { OrgRefName } from '@client/components/OrgRefName';
import { usePageTitle } from '@client/components/usePageTitle';
import { DownloadButton } from '@client/pages/meetings/common/DownloadButton';
import { trackerXlsxPath, useRemind, useTracker, type TrackerFilters } from '@client/queries/announcements';
import { useAnnouncementsT } from './useAnnouncementsT';
import './announcements.css';

const STATES = ['all', 'unconfirmed', 'confirmed'] as const;
const STATE_LABELS = { all: 'stateAll', unconfirmed: 'stateUnconfirmed', confirmed: 'stateConfirmed' } as const;
const isKind = (value: string): value is TrackerOrgKind => (TRACKER_ORG_KINDS as readonly string[]).includes(value);

/** /announcements/:id/tracker: the secretariat's 確認状況 — counts, the organisations, the Excel export, reminders and their log. */
export function TrackerPage() {
  const at = useAnnouncementsT();
  usePageTitle(at('announcements.tracker.title'));
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const [filters, setFilters] = useState<TrackerFilters>({ state: 'all' });
  const tracker = useTracker(id, filters);
  if (!me.abilities['announcement.publish'])
    return (
      <NotPermitted
        title={at('announcements.notPermitted.title')}
        body={at('announcements.notPermitted.body')}
        back={{ to: '/announcements', label: at('announcements.notPermitted.back') }}
      />
    );
  if (tracker.isPending) return <LoadingState />;
  if (tracker.isError && !tracker.data)
    return (
      <ErrorState
        error={tracker.error}
        onRetry={() => void tracker.refetch()}
        back={{ to: '/announcements', label: at('announcements.detail.back') }}
        notFound={at('announcements.detail.notFound')}
      />
    );
  const t = tracker.data;

  return (
    <>
      <p className="back-link">
        <Link to={`/announcements/${id}`}>{at('announcements.tracker.back')}</Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow" data-user-content>
          {t.announcement.title}
        </p>
        <h1>{at('announcements.tracker.title')}</h1>
        <p className="lead">{at('announcements.tracker.lead')}</p>
        {t.announcement.deadline && (
          <p>
            {at('announcements.fields.deadline')}: <DateTimeText iso={t.announcement.deadline} />
          </p>
        )}
      </header>
      <TrackerSummary tracker={t} />
      <RemindSection tracker={t} />
      <section className="section" aria-labelledby="tracker-rows-title">
        <h2 id="tracker-rows-title">{at('announcements.tracker.caption')}</h2>
        <div className="tracker-tools">
          <div className="tracker-filters" role="group" aria-label={at('announcements.tracker.filters')}>
            <Field label={at('announcements.tracker.state')}>
              {(control) => (
                <select
                  className="select"
                  {...control}
                  value={filters.state}
                  onChange={(event) => setFilters({ ...filters, state: STATES.find((s) => s === event.target.value) ?? 'all' })}
                >
                  {STATES.map((state) => (
                    <option key={state} value={state}>
                      {at(`announcements.tracker.${STATE_LABELS[state]}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={at('announcements.tracker.kind')}>
              {(control) => (
                <select
                  className="select"
                  {...control}
                  value={filters.kind ?? ''}
                  onChange={(event) => {
                    const { kind: _drop, ...rest } = filters;
                    setFilters(isKind(event.target.value) ? { ...rest, kind: event.target.value } : rest);
                  }}
                >
                  <option value="">{at('announcements.tracker.kindAll')}</option>
                  {TRACKER_ORG_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {at(`announcements.kinds.${kind}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <DownloadButton
            path={trackerXlsxPath(id, filters)}
            fallbackName={`announcement-confirmations-${id}.xlsx`}
            label={at('announcements.tracker.xlsx')}
          />
        </div>
        <p className="result-count" role="status">
          {at('announcements.tracker.shown', { count: t.rows.length })}
        </p>
        {t.rows.length === 0 ? (
          <p className="muted">{at('announcements.tracker.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table tracker-table">
              <caption className="visually-hidden">{at('announcements.tracker.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{at('announcements.tracker.organization')}</th>
                  <th scope="col">{at('announcements.tracker.kind')}</th>
                  <th scope="col">{at('announcements.tracker.state')}</th>
                  <th scope="col">{at('announcements.tracker.by')}</th>
                  <th scope="col">{at('announcements.tracker.at')}</th>
                </tr>
              </thead>
              <tbody>
                {t.rows.map((row) => (
                  <tr key={row.organization.id}>
                    <th scope="row">
                      <OrgRefName organization={row.organization} />
                    </th>
                    <td>{at(`announcements.kinds.${row.kind}`)}</td>
                    <td>
                      <span className={`announcement-state announcement-state--${row.confirmed ? 'confirmed' : 'unconfirmed'}`}>
                        {at(row.confirmed ? 'announcements.state.confirmed' : 'announcements.state.unconfirmed')}
                      </span>
                    </td>
                    <td data-user-content={row.by ? true : undefined}>{row.by?.displayName ?? '—'}</td>
                    <td>{row.at ? <DateTimeText iso={row.at} /> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <TrackerReminderLog tracker={t} />
    </>
  );
}

/** The counts over the whole audience (whatever the filter), and by kind of organisation. */
function TrackerSummary({ tracker: t }: { tracker: Tracker }) {
  const at = useAnnouncementsT();
  return (
    <section className="section" aria-labelledby="tracker-summary-title">
      <h2 id="tracker-summary-title" className="visually-hidden">
        {at('announcements.tracker.summary')}
      </h2>
      <dl className="tracker-counts">
        <div className="tracker-counts__item">
          <dt>{at('announcements.tracker.audience')}</dt>
          <dd>{t.counts.audience}</dd>
        </div>
        <div className="tracker-counts__item tracker-counts__item--confirmed">
          <dt>{at('announcements.tracker.confirmed')}</dt>
          <dd>{t.counts.confirmed}</dd>
        </div>
        <div className="tracker-counts__item tracker-counts__item--unconfirmed">
          <dt>{at('announcements.tracker.unconfirmed')}</dt>
          <dd>{t.counts.unconfirmed}</dd>
        </div>
      </dl>
      {t.byKind.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption>{at('announcements.tracker.byKind')}</caption>
            <thead>
              <tr>
                <th scope="col">{at('announcements.tracker.kind')}</th>
                <th scope="col">{at('announcements.tracker.audience')}</th>
                <th scope="col">{at('announcements.tracker.confirmed')}</th>
                <th scope="col">{at('announcements.tracker.unconfirmed')}</th>
              </tr>
            </thead>
            <tbody>
              {t.byKind.map((k) => (
                <tr key={k.kind}>
                  <th scope="row">{at(`announcements.kinds.${k.kind}`)}</th>
                  <td className="numeric">{k.audience}</td>
                  <td className="numeric">{k.confirmed}</td>
                  <td className="numeric">{k.audience - k.confirmed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** 督促: to every member of the organisations that have not confirmed, after a confirmation. */
function RemindSection({ tracker: t }: { tracker: Tracker }) {
  const at = useAnnouncementsT();
  const remind = useRemind(t.announcement.id);
  const open = t.announcement.status === 'published' && t.announcement.mustConfirm;
  return (
    <RemindControl
      className="tracker-remind"
      canRemind={open && t.counts.unconfirmed > 0}
      status={
        !t.announcement.mustConfirm ? (
          <p className="muted">{at('announcements.tracker.notAsked')}</p>
        ) : t.counts.unconfirmed === 0 ? (
          <p>{at('announcements.tracker.allConfirmed')}</p>
        ) : null
      }
      mutation={remind}
      labels={{
        button: at('announcements.tracker.remind'),
        dialogTitle: at('announcements.tracker.remindDialog.title'),
        dialogBody: at('announcements.tracker.remindDialog.body', { count: t.counts.unconfirmed }),
        dialogConfirm: at('announcements.tracker.remindDialog.confirm'),
        done: (r) => at('announcements.tracker.reminded', { organizations: r.organizations, people: r.people }),
      }}
    />
  );
}

function TrackerReminderLog({ tracker: t }: { tracker: Tracker }) {
  const at = useAnnouncementsT();
  return (
    <ReminderLog
      headingId="tracker-reminders-title"
      reminders={t.reminders}
      labels={{
        title: at('announcements.tracker.reminders.title'),
        empty: at('announcements.tracker.reminders.empty'),
        caption: at('announcements.tracker.reminders.caption'),
        at: at('announcements.tracker.reminders.at'),
        by: at('announcements.tracker.reminders.by'),
        organizations: at('announcements.tracker.reminders.organizations'),
        people: at('announcements.tracker.reminders.people'),
      }}
    />
  );
}
