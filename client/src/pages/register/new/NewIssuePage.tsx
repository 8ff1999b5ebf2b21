import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IssueCreateBody } from '@shared/schemas/issues';
import { useCurrentUser } from '@client/components/CurrentUser';
import { FormAlert } from '@client/components/FormAlert';
import { NotPermitted } from '@client/components/NotPermitted';
import { serverFieldError } from '@client/components/formErrors';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { usePageTitle } from '@client/components/usePageTitle';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useRaiseIssue } from '@client/queries/issues';
import { useRegisterT } from '../useRegisterT';
import { draftErrors } from './draftErrors';
import { IssueContentFields } from './IssueContentFields';
import { createBodyFrom, EMPTY_DRAFT, ISSUE_DRAFT_FIELDS } from './issueDraft';
import { useIssueDraft } from './useIssueDraft';

/** /register/new: raise an issue (課題を登録). The secretariat accepts it and routes it to a ministry. */
export function NewIssuePage() {
  const rt = useRegisterT();
  const { t } = useTranslation();
  usePageTitle(rt('register.new.title'));
  const me = useCurrentUser();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const raise = useRaiseIssue();
  const { draft, errors, setErrors, change } = useIssueDraft(EMPTY_DRAFT);
  const [formError, setFormError] = useState<string | null>(null);

  if (!me.abilities['issue.raise']) {
    return (
      <NotPermitted
        title={t('notPermitted.raiseIssue.title')}
        body={t('notPermitted.raiseIssue.body')}
        back={{ to: '/register', label: t('notPermitted.raiseIssue.back') }}
      />
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = IssueCreateBody.safeParse(createBodyFrom(draft));
    if (!parsed.success) {
      setErrors(draftErrors(parsed.error, draft, t, rt));
      setFormError(t('errors.summary'));
      return;
    }
    setErrors({});
    setFormError(null);
    raise.mutate(parsed.data, {
      onSuccess: (issue) => void navigate(`/register/${issue.id}`),
      onError(error) {
        const fieldError = serverFieldError(error, ISSUE_DRAFT_FIELDS, t);
        if (fieldError) setErrors(fieldError);
        setFormError(fieldError ? t('errors.summary') : errorMessage(error));
      },
    });
  }

  return (
    <>
      <p className="back-link">
        <Link to="/register">{rt('register.common.backToList')}</Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{rt('register.list.title')}</p>
        <h1>{rt('register.new.title')}</h1>
        <p className="lead">{rt('register.new.lead')}</p>
      </header>
      <form className="form issue-form" noValidate onSubmit={submit} onKeyDown={preventSubmitWhileComposing}>
        <FormAlert message={formError} />
        <IssueContentFields draft={draft} errors={errors} onChange={change} withDueDate withSimilar />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={raise.isPending} aria-busy={raise.isPending || undefined}>
            {raise.isPending ? rt('register.new.submitting') : rt('register.new.submit')}
          </button>
          <Link to="/register" className="button button--secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
