import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IssueUpdateBody, type Issue } from '@shared/schemas/issues';
import { FormAlert } from '@client/components/FormAlert';
import { serverFieldError } from '@client/components/formErrors';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useUpdateIssue } from '@client/queries/issues';
import { draftErrors } from '../new/draftErrors';
import { IssueContentFields } from '../new/IssueContentFields';
import { contentChangesFrom, draftFromIssue, ISSUE_DRAFT_FIELDS } from '../new/issueDraft';
import { useIssueDraft } from '../new/useIssueDraft';
import { useRegisterT } from '../useRegisterT';

interface Props {
  issue: Issue;
  onDone: () => void;
}

/** Change what the issue says (the raiser while 新規, the secretariat always); only changed fields are sent. */
export function ContentEditForm({ issue, onDone }: Props) {
  const rt = useRegisterT();
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useUpdateIssue(issue.id);
  const { draft, errors, setErrors, change } = useIssueDraft(() => draftFromIssue(issue));
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = contentChangesFrom(draft, issue);
    if (Object.keys(changes).length === 0) return onDone();
    const parsed = IssueUpdateBody.safeParse(changes);
    if (!parsed.success) {
      setErrors(draftErrors(parsed.error, draft, t, rt));
      setFormError(t('errors.summary'));
      return;
    }
    setErrors({});
    setFormError(null);
    update.mutate(parsed.data, {
      onSuccess: onDone,
      onError(error) {
        const fieldError = serverFieldError(error, ISSUE_DRAFT_FIELDS, t);
        if (fieldError) setErrors(fieldError);
        setFormError(fieldError ? t('errors.summary') : errorMessage(error));
      },
    });
  }

  return (
    <section className="issue-section" aria-labelledby="edit-title">
      <h2 id="edit-title">{rt('register.edit.title')}</h2>
      <p className="field__hint">{rt(issue.status === 'new' ? 'register.edit.leadNew' : 'register.edit.leadSecretariat')}</p>
      <form className="form issue-form" noValidate onSubmit={submit} onKeyDown={preventSubmitWhileComposing}>
        <FormAlert message={formError} />
        <IssueContentFields draft={draft} errors={errors} onChange={change} withDueDate={false} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={update.isPending} aria-busy={update.isPending || undefined}>
            {update.isPending ? rt('register.edit.saving') : rt('register.edit.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
