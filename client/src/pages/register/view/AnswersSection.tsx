import type { IssueAbilities, IssueDetail } from '@shared/schemas/issues';
import { useCurrentUser } from '@client/components/CurrentUser';
import { useRegisterT } from '../useRegisterT';
import { AnswerComposer } from './AnswerComposer';
import { AnswerDraftsPanel } from './AnswerDraftsPanel';
import { AnswerItem } from './AnswerItem';

/** 公式回答: the official answers first and set apart, the drafts the secretariat may see, and the box to draft and publish one. */
export function AnswersSection({ detail, abilities }: { detail: IssueDetail; abilities: IssueAbilities }) {
  const rt = useRegisterT();
  const me = useCurrentUser();
  const answers = detail.comments.filter((c) => c.kind === 'answer');

  return (
    <section className="issue-section answers" aria-labelledby="answers-title">
      <h2 id="answers-title">
        {rt('register.answers.title')}
        <span className="issue-section__count">{rt('register.common.count', { count: answers.length })}</span>
      </h2>
      {answers.length === 0 ? (
        <p className="muted">{rt('register.answers.none')}</p>
      ) : (
        <div className="answers__list">
          {answers.map((answer) => (
            <AnswerItem key={answer.id} answer={answer} canEdit={answer.abilities.edit} />
          ))}
        </div>
      )}
      {abilities.readAnswerDrafts && <AnswerDraftsPanel issueId={detail.issue.id} organizationId={me.organization.id} />}
      {abilities.answer && (
        <div className="answers__compose">
          <AnswerComposer detail={detail} organizationId={me.organization.id} />
        </div>
      )}
    </section>
  );
}
