import { useState } from 'react';
import type { AnswerDraft, IssueDetail } from '@shared/schemas/issues';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { DateTimeText } from '@client/components/DateTimeText';
import { LoadingState } from '@client/components/LoadingState';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { MarkdownEditor } from '@client/components/markdown/MarkdownEditor';
import { useAddAnswer, useAnswerDraft, useAnswerDrafts } from '@client/queries/issues';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';
import { useBodyField } from './useBodyField';

/**
 * 公式回答を書く: the answering organisation's draft (saved on the server, so it survives a reload
 * and a colleague can pick it up), the editor's preview, and publishing only after a confirmation.
 * The box appears once the saved draft is known, already holding it: a box filled after it appeared
 * could lose what was typed meanwhile.
 */
export function AnswerComposer({ detail, organizationId }: { detail: IssueDetail; organizationId: string }) {
  const drafts = useAnswerDrafts(detail.issue.id, true);
  if (drafts.isPending) return <LoadingState />;
  // (a failed read starts empty; saving says what went wrong)
  const saved = drafts.data?.drafts.find((d) => d.organization.id === organizationId) ?? null;
  return <DraftedAnswer detail={detail} saved={saved} />;
}

function DraftedAnswer({ detail, saved }: { detail: IssueDetail; saved: AnswerDraft | null }) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const issueId = detail.issue.id;
  const saveDraft = useAnswerDraft(issueId);
  const publish = useAddAnswer(issueId);
  const field = useBodyField(saved?.body ?? '');
  const [confirming, setConfirming] = useState(false);

  function save() {
    if (!field.validate()) return;
    field.clearError();
    saveDraft.mutate(field.body, { onError: field.fail });
  }

  function discard() {
    saveDraft.mutate(null, { onSuccess: () => field.setBody(''), onError: field.fail });
  }

  async function confirmPublish() {
    try {
      await publish.mutateAsync(field.body);
      field.setBody('');
    } catch (failure) {
      field.fail(failure);
    } finally {
      setConfirming(false);
    }
  }

  const answered = detail.issue.status === 'answered';
  return (
    <form
      className="body-composer answer-composer"
      noValidate
      onKeyDown={preventSubmitWhileComposing}
      onSubmit={(event) => {
        event.preventDefault();
        if (field.validate()) setConfirming(true);
      }}
    >
      <MarkdownEditor
        label={rt('register.answers.composeLabel')}
        hint={rt(answered ? 'register.answers.composeHintAnswered' : 'register.answers.composeHint', { status: labels.status('answered') })}
        rows={6}
        {...field.editorProps}
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
        <button
          type="button"
          className="button button--secondary"
          disabled={saveDraft.isPending}
          aria-busy={saveDraft.isPending || undefined}
          onClick={save}
        >
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
        body={
          answered ? rt('register.answers.confirmBodyAnswered') : rt('register.answers.confirmBody', { status: labels.status('answered') })
        }
        confirmLabel={publish.isPending ? rt('register.answers.publishing') : rt('register.answers.confirm')}
        tone="primary"
        busy={publish.isPending}
        onConfirm={() => void confirmPublish()}
        onCancel={() => setConfirming(false)}
      />
    </form>
  );
}
