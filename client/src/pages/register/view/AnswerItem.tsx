import { useState } from 'react';
import type { IssueComment } from '@shared/schemas/issues';
import { DateTimeText } from '@client/components/DateTimeText';
import { useEditAnswer } from '@client/queries/issues';
import { PersonWithOrganization } from '@client/components/PersonWithOrganization';
import { useRegisterT } from '../useRegisterT';
import { BodyComposer } from './BodyComposer';
import { RegisterMarkdown } from '../common/RegisterMarkdown';

/** One official answer (公式回答): marked in words, with who answered for which organisation. */
export function AnswerItem({ answer, canEdit }: { answer: IssueComment; canEdit: boolean }) {
  const rt = useRegisterT();
  const edit = useEditAnswer();
  const [editing, setEditing] = useState(false);

  return (
    <article className="answer-card" aria-labelledby={`answer-${answer.id}-title`}>
      <header className="answer-card__header">
        <h3 id={`answer-${answer.id}-title`} className="answer-card__title">
          <span className="official-badge">
            <span aria-hidden="true">✓</span>
            {rt('register.answers.official')}
          </span>
          <span className="answer-card__by">
            {rt('register.answers.by')}
            <PersonWithOrganization person={answer.author} />
          </span>
        </h3>
        <p className="answer-card__meta small">
          <DateTimeText iso={answer.createdAt} />
          {answer.editedAt && (
            <span className="answer-card__edited">
              {rt('register.answers.edited')}
              <DateTimeText iso={answer.editedAt} />
            </span>
          )}
        </p>
      </header>
      {editing ? (
        <BodyComposer
          label={rt('register.answers.editLabel')}
          submitLabel={rt('register.answers.save')}
          busyLabel={rt('register.answers.saving')}
          initial={answer.body}
          onSubmit={async (body) => {
            await edit.mutateAsync({ answerId: answer.id, body });
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <RegisterMarkdown source={answer.body} />
          {canEdit && (
            <p className="answer-card__actions">
              <button type="button" className="button button--tertiary button--small" onClick={() => setEditing(true)}>
                {rt('register.answers.edit')}
              </button>
            </p>
          )}
        </>
      )}
    </article>
  );
}
