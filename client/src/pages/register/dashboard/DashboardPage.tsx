import { ISSUE_CATEGORIES, type IssueCategory } from '@shared/register/rules';
import { MINISTRY_KEYS, SPECIAL_MIGRATION_REASONS } from '@shared/reference/council';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { usePageTitle } from '@client/components/usePageTitle';
import { useRegisterStats } from '@client/queries/issues';
import { useRegisterLabels } from '../common/labels';
import { RegisterTabs } from '../common/RegisterTabs';
import { useRegisterT } from '../useRegisterT';
import { AnsweredWithinDue } from './AnsweredWithinDue';
import { CountChart } from './CountChart';
import { RegisterTotals } from './RegisterTotals';
import { StatusAreaChart } from './StatusAreaChart';
import { StatusCounts } from './StatusCounts';

const countOf = (rows: { key: string; count: number }[], key: string) => rows.find((r) => r.key === key)?.count ?? 0;

/** /register/dashboard: the register in figures, for everyone; kept current by live events. */
export function DashboardPage() {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  usePageTitle(rt('register.dashboard.title'));
  const stats = useRegisterStats();

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">{rt('register.list.title')}</p>
        <h1>{rt('register.dashboard.title')}</h1>
        <p className="lead">{rt('register.dashboard.lead')}</p>
      </header>
      <RegisterTabs />
      {stats.isPending ? (
        <LoadingState />
      ) : stats.isError && !stats.data ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <>
          <section className="section" aria-labelledby="totals-title">
            <h2 id="totals-title">{rt('register.dashboard.totalsTitle')}</h2>
            <RegisterTotals stats={stats.data} />
            <div className="dashboard-grid">
              <AnsweredWithinDue figures={stats.data.answeredWithinDue} />
              <StatusCounts byStatus={stats.data.byStatus} />
            </div>
          </section>
          <section className="section" aria-labelledby="open-title">
            <h2 id="open-title">{rt('register.dashboard.openTitle')}</h2>
            <p className="muted">{rt('register.dashboard.openLead')}</p>
            <StatusAreaChart cells={stats.data.openByStatusAndArea} />
            <div className="dashboard-grid">
              <CountChart
                title={rt('register.dashboard.byReason')}
                keyHeading={rt('register.fields.specialReason')}
                rows={SPECIAL_MIGRATION_REASONS.map((r) => ({
                  key: r.key,
                  label: labels.reasonShort(r.key),
                  detail: labels.reasonText(r.key),
                  count: countOf(stats.data.openByReason, r.key),
                }))}
              />
              <CountChart
                title={rt('register.dashboard.byMinistry')}
                keyHeading={rt('register.fields.ministry')}
                rows={MINISTRY_KEYS.map((m) => ({ key: m, label: labels.ministry(m), count: countOf(stats.data.openByMinistry, m) }))}
              />
            </div>
            <CountChart
              title={rt('register.dashboard.byCategory')}
              keyHeading={rt('register.fields.category')}
              rows={ISSUE_CATEGORIES.map((c: IssueCategory) => ({
                key: c,
                label: labels.category(c),
                count: countOf(stats.data.openByCategory, c),
              }))}
            />
          </section>
        </>
      )}
    </>
  );
}
