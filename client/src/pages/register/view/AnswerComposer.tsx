import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnswerBody, ISSUE_LIMITS, type IssueDetail } from '@shared/schemas/issues';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { DateTimeText } from '@client/components/DateTimeText';
import { LoadingState } from '@client/components/LoadingState';
import { serverFieldError } from '@client/components/formErrors';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { MarkdownEditor } from '@client/components/markdown/MarkdownEditor';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useAddAnswer, useAnswerDraft, useAnswerDrafts } from '@client/queries/issues';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';

/**
 * 公式回答を書く: the answering organisation's draft (saved on the server, so it survives a reload
 * and a colleague can pick it up), the editor's preview, and publishing only after a confirmation.
 */
export function AnswerComposer({ detail, organizationId }: { detail: IssueDetail; organizationId: string }) {
  const { t } = useTranslation();
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const errorMessage = useErrorMessage();
  const issueId = detail.issue.id;
  const drafts = useAnswerDrafts(issueId, true);
  const saved = drafts.data?.drafts.find((d) => d.organization.id === organizationId) ?? null;
  const saveDraft = useAnswerDraft(issueId);
  const publish = useAddAnswer(issueId);
  const [body, setBody] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>();

  // The saved draft fills the box once, when it arrives; typing is never overwritten by a refetch.
  useEffect(() => {
    if (loaded || drafts.isPending) return;
    setBody(saved?.body ?? ''); // (a failed read starts empty; saving says what went wrong)
    setLoaded(true);
  }, [loaded, drafts.isPending, saved]);

  function valid(): boolean {
    if (AnswerBody.safeParse({ body }).success) return true;
    setError(body.trim() ? rt('register.form.tooLong', { max: ISSUE_LIMITS.commentLength, count: body.length }) : t('errors.field.required'));
    return false;
  }

  const failed = (failure: unknown) => setError(serverFieldError(failure, ['body'], t)?.body ?? errorMessage(failure));

  function save() {
    if (!valid()) return;
    setError(undefined);
    saveDraft.mutate(body, { onError: failed });
  }

  function discard() {
    saveDraft.mutate(null, { onSuccess: () => setBody(''), onError: failed });
  }

  async function confirmPublish() {
    try {
      await publish.mutateAsync(body);
      setBody('');
      setConfirming(false);
    } catch (failure) {
      setConfirming(false);
      failed(failure);
    }
  }

  // The saved draft first: a box shown empty and then filled would lose what was typed meanwhile.
  if (!loaded && drafts.isPending) return <LoadingState />;
  const answered = detail.issue.status === 'answered';
  return (
    <form
      className="body-composer answer-composer"
      noValidate
      onKeyDown={preventSubmitWhileComposing}
      onSubmit={(event) => {
        event.preventDefault();
        if (valid()) setConfirming(true);
      }}
    >
      <MarkdownEditor
        label={rt('register.answers.composeLabel')}
        hint={rt(answered ? 'register.answers.composeHintAnswered' : 'register.answers.composeHint', { status: labels.status('answered') })}
        rows={6}
        maxLength={ISSUE_LIMITS.commentLength}
        value={body}
        error={error}
        onChange={(value) => {
          setBody(value);
          setError(undefined);
        }}
      />
      {saved && (
        <p className="field__hint" role="status">
          {rt('register.answers.draftSaved')}
          <DateTimeText iso={saved.at} />
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={publish.isPending}>
          {rt('register.answers.publishReview')}
        </button>
        <button type="button" className="button button--secondary" disabled={saveDraft.isPending} aria-busy={saveDraft.isPending || undefined} onClick={save}>
          {saveDraft.isPending ? rt('register.answers.savingDraft') : rt('register.answers.saveDraft')}
        </button>
        {saved && (
          <button type="button" className="button button--tertiary" disabled={saveDraft.isPending} onClick={discard}>
            {rt('register.answers.discardDraft')}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title={rt('register.answers.confirmTitle')}
        body={answered ? rt('register.answers.confirmBodyAnswered') : rt('register.answers.confirmBody', { status: labels.status('answered') })}
        confirmLabel={publish.isPending ? rt('register.answers.publishing') : rt('register.answers.confirm')}
        tone="primary"
        busy={publish.isPending}
        onConfirm={() => void confirmPublish()}
        onCancel={() => setConfirming(false)}
      />
    </form>
  );
}
