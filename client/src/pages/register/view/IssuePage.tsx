import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState, isDeadEnd } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { usePageTitle } from '@client/components/usePageTitle';
import { StatusCitationsPanel } from '@client/pages/status/StatusCitationsPanel';
import { useIssueDetail } from '@client/queries/issues';
import { RegisterMarkdown } from '../common/RegisterMarkdown';
import { DueDate, LeadTimeMark } from '../common/IssueMarks';
import { PriorityBadge, StatusBadge } from '../common/StatusBadge';
import { useRegisterT } from '../useRegisterT';
import { AnswersSection } from './AnswersSection';
import { CommentsSection } from './CommentsSection';
import { ContentEditForm } from './ContentEditForm';
import { DuplicatesList } from './DuplicatesList';
import { HistoryTimeline } from './HistoryTimeline';
import { FactsBlock } from './FactsBlock';
import { MeetingLinks } from './MeetingLinks';
import { SecretariatSettings } from './SecretariatSettings';
import { StatusNotes } from './StatusNotes';
import { FollowPanel } from './FollowPanel';
import { NotesPanel } from './NotesPanel';
import { SupportPanel } from './SupportPanel';
import { ThreadLinks } from './ThreadLinks';
import { TransitionControls } from './TransitionControls';
import { useIssueRoom } from './useIssueRoom';

/**
 * /register/:id: one issue — its particulars and description, the official answers set apart,
 * the discussion, the timeline, and (by role) support, status, settings and links. Live while open.
 */
export function IssuePage() {
  const rt = useRegisterT();
  const { id = '' } = useParams();
  const detail = useIssueDetail(id);
  const refusal = useIssueRoom(id, detail.isSuccess);
  const [editing, setEditing] = useState(false);
  const issue = detail.data?.issue;
  usePageTitle(issue ? `${issue.number} ${issue.title}` : rt('register.detail.title'));

  const back = (
    <p className="back-link">
      <Link to="/register">{rt('register.common.backToList')}</Link>
    </p>
  );

  if (detail.isPending) return <LoadingState />;
  if (detail.isError || refusal) {
    const error = refusal ?? detail.error;
    const wayBack = { to: '/register', label: rt('register.common.backToList') };
    // Missing (a malformed id too) and refused are pages of their own, with the way back in them.
    if (isDeadEnd(error)) {
      return <ErrorState error={error} back={wayBack} notFound={rt('register.detail.notFound')} />;
    }
    return (
      <>
        {back}
        <ErrorState error={error} onRetry={() => void detail.refetch()} />
      </>
    );
  }

  const data = detail.data;
  const current = data.issue;
  // What this reader may do with the issue: the server's word (shared/policies/issue.ts), kept live.
  const abilities = data.abilities;

  return (
    <>
      {back}
      <header className="page-header issue-header">
        <p className="page-header__eyebrow">{rt('register.detail.eyebrow', { number: current.number })}</p>
        <h1 data-user-content>{current.title}</h1>
        <div className="issue-header__marks">
          <StatusBadge status={current.status} />
          {current.priority && <PriorityBadge priority={current.priority} />}
          {current.overdue && <DueDate issue={current} />}
          <LeadTimeMark issue={current} />
        </div>
        {abilities.editContent && !editing && (
          <p className="issue-header__actions">
            <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
              {rt('register.edit.open')}
            </button>
          </p>
        )}
      </header>
      <StatusNotes issue={current} />
      {/* The issue first (what it says, its answers, the conversation); its particulars beside it, or folded above it on a phone (GitHub, Backlog). */}
      <div className="issue-layout">
        <FactsBlock issue={current} />
        <div className="issue-main">
          {editing ? (
            <ContentEditForm issue={current} onDone={() => setEditing(false)} />
          ) : (
            <section className="issue-section" aria-labelledby="description-title">
              <h2 id="description-title">{rt('register.fields.description')}</h2>
              <div className="issue-description">
                <RegisterMarkdown source={current.description} />
              </div>
            </section>
          )}
          <AnswersSection detail={data} abilities={abilities} />
          <CommentsSection detail={data} canComment={abilities.comment} />
          <HistoryTimeline history={data.history} />
        </div>
        <aside className="issue-side" aria-label={rt('register.detail.side')}>
          <SupportPanel detail={data} />
          <FollowPanel detail={data} />
          {abilities.manage && data.allowedTransitions.length > 0 && <TransitionControls detail={data} />}
          {abilities.manage && <SecretariatSettings issue={current} />}
          {abilities.manage && <NotesPanel issueId={current.id} />}
          <ThreadLinks detail={data} canLink={abilities.link} />
          <MeetingLinks links={data.links} />
          <StatusCitationsPanel issueId={current.id} />
          <DuplicatesList duplicates={data.duplicates} />
        </aside>
      </div>
    </>
  );
}
