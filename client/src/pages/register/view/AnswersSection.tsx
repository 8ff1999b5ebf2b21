import type { IssueAbilities, IssueDetail } from '@shared/schemas/issues';
import { useAddAnswer } from '@client/queries/issues';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';
import { AnswerItem } from './AnswerItem';
import { BodyComposer } from './BodyComposer';

/** 公式回答: the official answers first and set apart, and the box to publish one. */
export function AnswersSection({ detail, abilities }: { detail: IssueDetail; abilities: IssueAbilities }) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const addAnswer = useAddAnswer(detail.issue.id);
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
      {abilities.answer && (
        <div className="answers__compose">
          <BodyComposer
            label={rt('register.answers.composeLabel')}
            hint={rt(detail.issue.status === 'answered' ? 'register.answers.composeHintAnswered' : 'register.answers.composeHint', {
              status: labels.status('answered'),
            })}
            submitLabel={rt('register.answers.publish')}
            busyLabel={rt('register.answers.publishing')}
            onSubmit={(body) => addAnswer.mutateAsync(body)}
          />
        </div>
      )}
    </section>
  );
}
