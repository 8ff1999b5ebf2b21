import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isHybrid, MEETING_KINDS } from '@shared/meetings/rules';
import { MeetingCreateBody, MeetingUpdateBody } from '@shared/schemas/meetings';
import { Field } from '@client/components/Field';
import { FormAlert } from '@client/components/FormAlert';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { TextField } from '@client/components/TextField';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useMeetingLabels } from '../common/labels';
import { useMeetingsT } from '../useMeetingsT';
import { AgendaEditor } from './AgendaEditor';
import { draftErrorsFromZod, serverDraftError, type DraftErrors } from './draftErrors';
import { InviteePicker } from './InviteePicker';
import { agendaMinutes, bodyOf, meetingMinutes, type MeetingDraft } from './meetingDraft';

/** Where a server error naming a field is shown (the rest go to the alert at the bottom). */
const FIELD_GROUPS = [
  'title',
  'startsAt',
  'endsAt',
  'onlineUrl',
  'venue',
  'capacity',
  'description',
  'agenda',
  'extraInviteeIds',
  'kind',
] as const;

interface Props {
  initial: MeetingDraft;
  /** Editing: the kind cannot change, and only the changed-or-not fields of MeetingUpdateBody are sent. */
  mode: 'create' | 'edit';
  busy: boolean;
  submitLabel: string;
  onSubmit: (body: MeetingCreateBody | MeetingUpdateBody) => Promise<unknown>;
  onCancel: () => void;
}

/**
 * Create or edit a meeting. The same shared schema the server validates with checks the draft
 * first, so most mistakes show next to their field before anything is sent.
 */
export function MeetingForm({ initial, mode, busy, submitLabel, onSubmit, onCancel }: Props) {
  const mt = useMeetingsT();
  const { t } = useTranslation();
  const labels = useMeetingLabels();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const hybrid = isHybrid(draft.kind);
  const set = (patch: Partial<MeetingDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // A field being corrected loses its old complaint (agenda rows keep theirs until the next submit).
    setErrors((current) => {
      const stale = Object.keys(patch).filter((key) => key !== 'agenda' && current[key]);
      return stale.length ? Object.fromEntries(Object.entries(current).filter(([key]) => !stale.includes(key))) : current;
    });
  };

  /** After a refused submit, take the keyboard to the first field that needs attention. */
  const focusFirstInvalid = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid input')?.focus());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const body = bodyOf(draft);
    const required: DraftErrors = {};
    for (const key of ['title', 'startsAt', 'endsAt'] as const) if (!draft[key].trim()) required[key] = t('errors.field.required');
    const parsed = mode === 'create' ? MeetingCreateBody.safeParse({ kind: draft.kind, ...body }) : MeetingUpdateBody.safeParse(body);
    const schemaErrors = parsed.success ? {} : draftErrorsFromZod(parsed.error, t, { endsAt: mt('meetings.form.errors.endBeforeStart') });
    const found = { ...schemaErrors, ...required };
    if (Object.keys(found).length > 0 || !parsed.success) {
      setErrors(found);
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
      className="form meeting-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={preventSubmitWhileComposing}
    >
      {mode === 'create' ? (
        <fieldset className="meeting-form__kind">
          <legend className="field__label">
            {mt('meetings.form.kind')}
            <span className="field__required">{t('common.required')}</span>
          </legend>
          <div className="segmented">
            {MEETING_KINDS.map((kind) => (
              <label key={kind} className="segmented__option">
                <input type="radio" name="kind" value={kind} checked={draft.kind === kind} onChange={() => set({ kind })} />
                <span>{labels.kind(kind)}</span>
              </label>
            ))}
          </div>
          <p className="field__hint">{mt(`meetings.form.kindHint.${draft.kind}`)}</p>
        </fieldset>
      ) : (
        <p>
          <span className="field__label">{mt('meetings.form.kind')}</span>: {labels.kind(draft.kind)}
        </p>
      )}
      <TextField
        label={mt('meetings.form.title')}
        required
        maxLength={200}
        value={draft.title}
        error={errors.title}
        onChange={(event) => set({ title: event.target.value })}
      />
      <div className="meeting-form__times">
        <TextField
          label={mt('meetings.form.startsAt')}
          hint={mt('meetings.form.japanTime')}
          type="datetime-local"
          required
          value={draft.startsAt}
          error={errors.startsAt}
          onChange={(event) => set({ startsAt: event.target.value })}
        />
        <TextField
          label={mt('meetings.form.endsAt')}
          hint={mt('meetings.form.japanTime')}
          type="datetime-local"
          required
          min={draft.startsAt || undefined}
          value={draft.endsAt}
          error={errors.endsAt}
          onChange={(event) => set({ endsAt: event.target.value })}
        />
      </div>
      <TextField
        label={mt('meetings.form.onlineUrl')}
        hint={mt('meetings.form.onlineUrlHint')}
        type="url"
        inputMode="url"
        maxLength={500}
        value={draft.onlineUrl}
        error={errors.onlineUrl}
        onChange={(event) => set({ onlineUrl: event.target.value })}
      />
      {hybrid && (
        <div className="meeting-form__venue">
          <TextField
            label={mt('meetings.form.venue')}
            maxLength={200}
            value={draft.venue}
            error={errors.venue}
            onChange={(event) => set({ venue: event.target.value })}
          />
          <TextField
            label={mt('meetings.form.capacity')}
            hint={mt('meetings.form.capacityHint')}
            type="number"
            inputMode="numeric"
            min={1}
            max={10000}
            value={draft.capacity}
            error={errors.capacity}
            onChange={(event) => set({ capacity: event.target.value })}
          />
        </div>
      )}
      <Field label={mt('meetings.form.description')} hint={mt('meetings.form.descriptionHint')} error={errors.description}>
        {(control) => (
          <textarea
            {...control}
            className="textarea"
            rows={6}
            maxLength={20000}
            value={draft.description}
            onChange={(event) => set({ description: event.target.value })}
          />
        )}
      </Field>
      <AgendaEditor
        agenda={draft.agenda}
        errors={errors}
        totalMinutes={agendaMinutes(draft)}
        meetingMinutes={meetingMinutes(draft)}
        onChange={(agenda) => set({ agenda })}
      />
      {hybrid && (
        <InviteePicker
          selectedIds={draft.extraInviteeIds}
          error={errors.extraInviteeIds}
          onChange={(extraInviteeIds) => set({ extraInviteeIds })}
        />
      )}
      <FormAlert message={formError} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
