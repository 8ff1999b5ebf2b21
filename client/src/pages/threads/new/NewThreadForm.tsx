import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ThreadCreateBody } from '@shared/schemas/threads';
import type { BusinessAreaKey } from '@shared/reference/council';
import { LIMITS, type Visibility } from '@shared/threads/rules';
import { BusinessAreaSelect } from '@client/components/BusinessAreaSelect';
import { FormAlert } from '@client/components/FormAlert';
import { TextField } from '@client/components/TextField';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { fieldErrorsFromZod, serverFieldError, type FieldErrors } from '@client/components/formErrors';
import { useCreateThread } from '@client/queries/threads';
import { AttachmentPicker } from '@client/components/attachments/AttachmentPicker';
import { MarkdownEditor } from '@client/components/markdown/MarkdownEditor';
import { noMentionDraft, storedBody, type MentionDraft } from '@client/components/markdown/mentionDraft';
import { useAttachmentUploads } from '@client/components/attachments/useAttachmentUploads';
import { SimilarItems } from '@client/components/search/SimilarItems';
import { useCommittedText } from '@client/components/search/useCommittedText';
import { VisibilityChoice } from './VisibilityChoice';

type Fields = 'title' | 'body' | 'visibility' | 'businessAreas';
const FIELDS: readonly Fields[] = ['title', 'body', 'visibility', 'businessAreas'];

/**
 * Title (with the threads like it as it is typed), visibility, business areas and the first message; validated
 * with the server's ThreadCreateBody.
 */
export function NewThreadForm({ readable }: { readable: Visibility[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreateThread();
  const uploads = useAttachmentUploads();
  // One id for this form: submitting again after a lost answer returns the thread already made.
  const [clientId] = useState(() => crypto.randomUUID());
  const [title, setTitle] = useState('');
  const typedTitle = useCommittedText(title);
  const [visibility, setVisibility] = useState<Visibility>(readable[0] ?? 'council');
  const [areas, setAreas] = useState<BusinessAreaKey[]>([]);
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<MentionDraft>(noMentionDraft);
  const [errors, setErrors] = useState<FieldErrors<Fields>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    if (uploads.uploading) return setFormError(t('threads.composer.uploadsPending'));
    if (uploads.failed) return setFormError(t('threads.composer.uploadsFailed'));
    const parsed = ThreadCreateBody.safeParse({
      clientId,
      title,
      body: storedBody(body, mentions),
      visibility,
      businessAreas: areas,
      attachmentIds: uploads.attachments.map((a) => a.id),
    });
    if (!parsed.success) {
      setErrors(fieldErrorsFromZod<Fields>(parsed.error, t, { body: t('errors.field.required') }));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: ({ thread }) => void navigate(`/threads/${thread.id}`),
      onError(error) {
        const fieldError = serverFieldError(error, FIELDS, t);
        if (fieldError) setErrors(fieldError);
        else setFormError(errorMessage(error));
      },
    });
  }

  return (
    <form
      className="form card new-thread"
      onSubmit={submit}
      onKeyDown={preventSubmitWhileComposing}
      noValidate
      aria-busy={create.isPending || undefined}
    >
      <FormAlert message={formError} />
      <TextField
        label={t('threads.create.titleLabel')}
        required
        maxLength={LIMITS.titleLength}
        value={title}
        error={errors.title}
        onChange={(event) => setTitle(event.target.value)}
        {...typedTitle.composition}
      />
      <SimilarItems kind="thread" title={typedTitle.committed} />
      <VisibilityChoice value={visibility} options={readable} error={errors.visibility} onChange={setVisibility} />
      <BusinessAreaSelect
        multiple
        label={t('threads.create.areas')}
        hint={t('threads.create.areasHint')}
        value={areas}
        error={errors.businessAreas}
        onChange={setAreas}
      />
      <MarkdownEditor
        label={t('threads.create.body')}
        hint={t('threads.create.bodyHint')}
        required
        rows={8}
        value={body}
        onChange={setBody}
        mentions={mentions}
        onMentionsChange={setMentions}
        maxLength={LIMITS.bodyLength}
        error={errors.body}
      />
      <AttachmentPicker uploads={uploads} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('threads.create.submitting') : t('threads.create.submit')}
        </button>
      </div>
    </form>
  );
}
