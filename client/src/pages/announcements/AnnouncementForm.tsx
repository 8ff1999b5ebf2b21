import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIENCE_KINDS } from '@shared/announcements/audience';
import { ANNOUNCEMENT_LIMITS, IMPORTANCES } from '@shared/announcements/rules';
import { AnnouncementCreateBody } from '@shared/schemas/announcements';
import type { Organization } from '@shared/schemas/organizations';
import { AttachmentPicker } from '@client/components/attachments/AttachmentPicker';
import { useAttachmentUploads, type AttachmentUploads } from '@client/components/attachments/useAttachmentUploads';
import { BusinessAreaSelect } from '@client/components/BusinessAreaSelect';
import { Field } from '@client/components/Field';
import { FormAlert } from '@client/components/FormAlert';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { MarkdownEditor } from '@client/components/markdown/MarkdownEditor';
import { Notice } from '@client/components/Notice';
import { OrganizationOptions } from '@client/components/OrganizationOptions';
import { TextField } from '@client/components/TextField';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useLanguage } from '@client/i18n/useLanguage';
import { draftErrorsFromZod, serverDraftError, type DraftErrors } from '@client/pages/meetings/form/draftErrors';
import { useOrganizations } from '@client/queries/organizations';
import { bodyOf, type AnnouncementDraft } from './announcementDraft';
import { useAnnouncementsT } from './useAnnouncementsT';

/** Where a server error naming a field is shown (the rest go to the alert at the bottom). */
const FIELD_GROUPS = ['title', 'body', 'attachmentIds', 'importance', 'deadline', 'mustConfirm', 'audience'] as const;

interface Props {
  initial: AnnouncementDraft;
  /** Correcting a published announcement: said above the form, and on its button. */
  correcting: boolean;
  busy: boolean;
  submitLabel: string;
  onSubmit: (body: AnnouncementCreateBody) => Promise<unknown>;
  onCancel: () => void;
}

/** An error keyed `audience.organizationIds.2` belongs to the audience group as a whole. */
const grouped = (errors: DraftErrors): DraftErrors => {
  const out: DraftErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const group = FIELD_GROUPS.find((g) => key === g || key.startsWith(`${g}.`)) ?? key;
    out[group] ??= message;
  }
  return out;
};

/**
 * Write or edit an announcement. The shared schema the server validates with checks the draft first,
 * so most mistakes show beside their field before anything is sent; an Enter confirming an IME
 * conversion never submits.
 */
export function AnnouncementForm({ initial, correcting, busy, submitLabel, onSubmit, onCancel }: Props) {
  const at = useAnnouncementsT();
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState(initial);
  const uploads = useAttachmentUploads({ initial: initial.attachments, max: ANNOUNCEMENT_LIMITS.attachments });
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<AnnouncementDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    const touched = Object.keys(patch).map((key) =>
      ['audienceKind', 'organizationIds', 'businessAreas'].includes(key) ? 'audience' : key,
    );
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !touched.includes(key))));
  };
  const focusFirstInvalid = () =>
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid input, .field--invalid select')?.focus(),
    );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    if (uploads.uploading) return setFormError(at('announcements.form.uploadsPending'));
    if (uploads.failed) return setFormError(at('announcements.form.uploadsFailed'));
    const parsed = AnnouncementCreateBody.safeParse(bodyOf({ ...draft, attachments: uploads.attachments }));
    if (!parsed.success) {
      setErrors(
        grouped(
          draftErrorsFromZod(parsed.error, t, {
            body: t('errors.field.required'),
          }),
        ),
      );
      if (draft.audienceKind === 'organizations' && draft.organizationIds.length === 0)
        setErrors((e) => ({ ...e, audience: at('announcements.form.errors.chooseOrganizations') }));
      if (draft.audienceKind === 'businessAreas' && draft.businessAreas.length === 0)
        setErrors((e) => ({ ...e, audience: at('announcements.form.errors.chooseAreas') }));
      setFormError(t('errors.summary'));
      focusFirstInvalid();
      return;
    }
    setErrors({});
    try {
      await onSubmit(parsed.data);
    } catch (error) {
      const fieldError = serverDraftError(error, FIELD_GROUPS, t);
      if (fieldError) setErrors(fieldError);
      setFormError(fieldError ? t('errors.summary') : errorMessage(error));
      if (fieldError) focusFirstInvalid();
    }
  }

  return (
    <form
      ref={formRef}
      className="form announcement-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={preventSubmitWhileComposing}
    >
      {correcting && <Notice tone="info">{at('announcements.form.correctionNotice')}</Notice>}
      <TextField
        label={at('announcements.fields.title')}
        hint={at('announcements.form.titleHint')}
        required
        maxLength={ANNOUNCEMENT_LIMITS.titleLength}
        value={draft.title}
        error={errors.title}
        onChange={(event) => set({ title: event.target.value })}
      />
      <MarkdownEditor
        label={at('announcements.fields.body')}
        hint={at('announcements.form.bodyHint')}
        required
        rows={12}
        maxLength={ANNOUNCEMENT_LIMITS.bodyLength}
        value={draft.body}
        error={errors.body}
        onChange={(body) => set({ body })}
      />
      <AttachmentsField uploads={uploads} error={errors.attachmentIds} />
      <fieldset className="announcement-form__group">
        <legend className="field__label">{at('announcements.fields.importance')}</legend>
        <div className="segmented">
          {IMPORTANCES.map((importance) => (
            <label key={importance} className="segmented__option">
              <input type="radio" name="importance" checked={draft.importance === importance} onChange={() => set({ importance })} />
              <span>{at(`announcements.importance.${importance}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="checkbox announcement-form__must-confirm">
        <input type="checkbox" checked={draft.mustConfirm} onChange={(event) => set({ mustConfirm: event.target.checked })} />
        <span>
          {at('announcements.form.mustConfirm')}
          <span className="field__hint announcement-form__hint">{at('announcements.form.mustConfirmHint')}</span>
        </span>
      </label>
      <TextField
        label={at('announcements.fields.deadline')}
        hint={at('announcements.form.deadlineHint')}
        type="datetime-local"
        value={draft.deadline}
        error={errors.deadline}
        onChange={(event) => set({ deadline: event.target.value })}
      />
      <AudienceFields draft={draft} error={errors.audience} onChange={set} />
      <FormAlert message={formError} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {at('announcements.form.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * 添付ファイル: the files the announcement carries, picked and uploaded as messages' are; whoever may
 * read the announcement downloads them.
 */
function AttachmentsField({ uploads, error }: { uploads: AttachmentUploads; error: string | undefined }) {
  const at = useAnnouncementsT();
  const id = useId();
  return (
    <fieldset
      className={error ? 'field field--invalid announcement-form__group' : 'field announcement-form__group'}
      aria-describedby={`${id}-hint ${id}-error`}
    >
      <legend className="field__label">{at('announcements.fields.attachments')}</legend>
      <p id={`${id}-hint`} className="field__hint">
        {at('announcements.form.attachmentsHint')}
      </p>
      <AttachmentPicker uploads={uploads} />
      <div id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </div>
    </fieldset>
  );
}

/** 対象: a kind of organisation, the organisations chosen one by one, or the business areas their profiles cover. */
function AudienceFields({
  draft,
  error,
  onChange,
}: {
  draft: AnnouncementDraft;
  error: string | undefined;
  onChange: (patch: Partial<AnnouncementDraft>) => void;
}) {
  const at = useAnnouncementsT();
  const id = useId();
  return (
    <fieldset
      className={error ? 'field field--invalid announcement-audience' : 'field announcement-audience'}
      aria-describedby={`${id}-hint ${id}-error`}
    >
      <legend className="field__label">{at('announcements.fields.audience')}</legend>
      <p id={`${id}-hint`} className="field__hint">
        {at('announcements.form.audienceHint')}
      </p>
      <div className="announcement-audience__kinds">
        {AUDIENCE_KINDS.map((kind) => (
          <label key={kind} className="checkbox">
            <input type="radio" name="audience" checked={draft.audienceKind === kind} onChange={() => onChange({ audienceKind: kind })} />
            <span>{at(`announcements.audience.${kind}`)}</span>
          </label>
        ))}
      </div>
      {draft.audienceKind === 'organizations' && (
        <OrganizationPicker selectedIds={draft.organizationIds} onChange={(organizationIds) => onChange({ organizationIds })} />
      )}
      {draft.audienceKind === 'businessAreas' && (
        <BusinessAreaSelect
          multiple
          byMinistry
          label={at('announcements.form.areasLabel')}
          hint={at('announcements.form.areasHint')}
          value={draft.businessAreas}
          onChange={(businessAreas) => onChange({ businessAreas })}
        />
      )}
      <div id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </div>
    </fieldset>
  );
}

/** The organisations named one by one: each chosen one listed with a button to remove it, any other added from the directory. */
function OrganizationPicker({ selectedIds, onChange }: { selectedIds: string[]; onChange: (ids: string[]) => void }) {
  const at = useAnnouncementsT();
  const [language] = useLanguage();
  const directory = useOrganizations();
  const [chosen, setChosen] = useState('');
  const name = (o: Pick<Organization, 'nameJa' | 'nameEn'>) => (language === 'ja' ? o.nameJa : o.nameEn) || o.nameJa;
  const all = directory.data?.organizations ?? [];
  const byId = new Map(all.map((o) => [o.id, o]));
  const addable = all
    .filter((o) => o.kind !== 'secretariat' && !selectedIds.includes(o.id))
    .sort((a, b) => name(a).localeCompare(name(b), language));
  function add() {
    if (chosen && !selectedIds.includes(chosen)) onChange([...selectedIds, chosen]);
    setChosen('');
  }
  return (
    <div className="announcement-audience__organizations">
      <p className="field__label field__label--small">{at('announcements.form.organizationsLegend')}</p>
      {selectedIds.length > 0 && (
        <ul className="announcement-audience__chosen">
          {selectedIds.map((orgId) => {
            const o = byId.get(orgId);
            const label = o ? name(o) : orgId;
            return (
              <li key={orgId}>
                <span data-user-content>{label}</span>
                <button
                  type="button"
                  className="button button--tertiary button--small"
                  aria-label={at('announcements.form.removeOrganization', { name: label })}
                  onClick={() => onChange(selectedIds.filter((x) => x !== orgId))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p className="small" aria-live="polite">
        {at('announcements.form.organizationsChosen', { count: selectedIds.length })}
      </p>
      <div className="announcement-audience__add">
        <Field label={at('announcements.form.addOrganization')}>
          {(control) => (
            <select
              className="select"
              {...control}
              value={chosen}
              aria-busy={directory.isPending || undefined}
              onChange={(event) => setChosen(event.target.value)}
            >
              <option value="">{at('announcements.form.addOrganizationNone')}</option>
              <OrganizationOptions organizations={addable} name={name} />
            </select>
          )}
        </Field>
        <button type="button" className="button button--secondary" disabled={!chosen} onClick={add}>
          <span aria-hidden="true">＋</span>
          {at('announcements.form.addButton')}
        </button>
      </div>
    </div>
  );
}
