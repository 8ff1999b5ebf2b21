import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessAreaKey } from '@shared/reference/council';
import { LIMITS } from '@shared/threads/rules';
import type { Thread } from '@shared/schemas/threads';
import { BusinessAreaSelect } from '@client/components/BusinessAreaSelect';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { TextField } from '@client/components/TextField';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useUpdateThread } from '@client/queries/threads';

/**
 * Rename a thread or change its business areas: its creator, or the secretariat (whose change to
 * someone else's thread the server keeps in the moderation record), as Zulip lets topics be renamed.
 */
export function ThreadEditForm({ thread, onDone }: { thread: Thread; onDone: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useUpdateThread(thread.id);
  const [title, setTitle] = useState(thread.title);
  const [areas, setAreas] = useState<BusinessAreaKey[]>(thread.businessAreas);
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return setMissing(true);
    update.mutate({ title: title.trim(), businessAreas: areas }, { onSuccess: onDone });
  }

  return (
    <form
      className="form thread-edit"
      onSubmit={submit}
      onKeyDown={preventSubmitWhileComposing}
      noValidate
      aria-label={t('threads.manage.edit')}
    >
      <TextField
        label={t('threads.create.titleLabel')}
        required
        maxLength={LIMITS.titleLength}
        value={title}
        error={missing ? t('errors.field.required') : update.error ? errorMessage(update.error) : undefined}
        onChange={(event) => {
          setTitle(event.target.value);
          setMissing(false);
        }}
      />
      <BusinessAreaSelect
        multiple
        label={t('threads.create.areas')}
        hint={t('threads.create.areasHint')}
        value={areas}
        onChange={setAreas}
      />
      <div className="thread-edit__actions">
        <button
          type="submit"
          className="button button--primary button--small"
          disabled={update.isPending}
          aria-busy={update.isPending || undefined}
        >
          {t('threads.manage.save')}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
