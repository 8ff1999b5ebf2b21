import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ZodError } from 'zod';
import { BUSINESS_AREA_KEYS, type BusinessAreaKey } from '@shared/reference/council';
import { RoundCreateBody, RoundUpdateBody, type Round } from '@shared/schemas/statusReports';
import { STATUS_LIMITS } from '@shared/statusReports/rules';
import { BusinessAreaSelect } from '@client/components/BusinessAreaSelect';
import { useCurrentUser } from '@client/components/CurrentUser';
import { ErrorState } from '@client/components/ErrorState';
import { Field } from '@client/components/Field';
import { FormAlert } from '@client/components/FormAlert';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { LoadingState } from '@client/components/LoadingState';
import { NotPermitted } from '@client/components/NotPermitted';
import { Notice } from '@client/components/Notice';
import { TextField } from '@client/components/TextField';
import { usePageTitle } from '@client/components/usePageTitle';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { fromJapanInputValue, toJapanInputValue } from '@client/pages/meetings/common/japanTime';
import { draftErrorsFromZod, serverDraftError, type DraftErrors } from '@client/pages/meetings/form/draftErrors';
import { useCreateRound, useRound, useUpdateRound } from '@client/queries/statusReports';
import { useStatusT } from './useStatusT';

/** A round as the form holds it: days as `YYYY-MM-DD`, the deadline as a datetime-local value in Japan time. */
interface RoundDraft {
  title: string;
  periodStart: string;
  periodEnd: string;
  deadline: string;
  businessAreas: BusinessAreaKey[];
  note: string;
}

const FIELDS = ['title', 'periodStart', 'periodEnd', 'deadline', 'businessAreas', 'note'] as const;

const emptyDraft = (): RoundDraft => ({
  title: '',
  periodStart: '',
  periodEnd: '',
  deadline: '',
  businessAreas: [...BUSINESS_AREA_KEYS],
  note: '',
});

const draftOf = (round: Round): RoundDraft => ({
  title: round.title,
  periodStart: round.periodStart.slice(0, 10),
  periodEnd: round.periodEnd.slice(0, 10),
  deadline: toJapanInputValue(round.deadline),
  businessAreas: [...round.businessAreas],
  note: round.note,
});

const bodyOf = (draft: RoundDraft) => ({ ...draft, title: draft.title.trim(), deadline: fromJapanInputValue(draft.deadline) });

/** What changed since the round was read: an open round takes only its title, deadline and note. */
function changesOf(draft: RoundDraft, round: Round): Record<string, unknown> {
  const before = bodyOf(draftOf(round));
  const after = bodyOf(draft);
  const changes: Record<string, unknown> = {};
  for (const key of FIELDS) {
    const same =
      key === 'businessAreas'
        ? [...after.businessAreas].sort().join() === [...before.businessAreas].sort().join()
        : key === 'deadline'
          ? new Date(after.deadline).getTime() === new Date(round.deadline).getTime()
          : after[key] === before[key];
    if (!same) changes[key] = after[key];
  }
  return changes;
}

/** Only the secretariat runs reporting rounds: others are told so, and where to read them. */
function RoundFormRefused() {
  const st = useStatusT();
  return (
    <NotPermitted
      title={st('status.notPermitted.title')}
      body={st('status.notPermitted.body')}
      back={{ to: '/status', label: st('status.common.backToList') }}
    />
  );
}

/** /status/new: the secretariat writes a round (a draft until it is opened). */
export function NewRoundPage() {
  const st = useStatusT();
  usePageTitle(st('status.roundForm.newTitle'));
  const me = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateRound();
  const initial = useMemo(emptyDraft, []);
  if (!me.abilities['status.manage']) return <RoundFormRefused />;
  return (
    <>
      <p className="back-link">
        <Link to="/status">{st('status.common.backToList')}</Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{st('status.eyebrow')}</p>
        <h1>{st('status.roundForm.newTitle')}</h1>
        <p className="lead">{st('status.roundForm.newLead')}</p>
      </header>
      <RoundForm
        initial={initial}
        locked={false}
        busy={create.isPending}
        submitLabel={st('status.roundForm.create')}
        onSubmit={async (draft) => {
          const parsed = RoundCreateBody.safeParse(bodyOf(draft));
          if (!parsed.success) return parsed.error;
          const round = await create.mutateAsync(parsed.data);
          void navigate(`/status/${round.id}`);
          return null;
        }}
        onCancel={() => void navigate('/status')}
      />
    </>
  );
}

/** /status/:roundId/edit: change a draft round; an open round's title, deadline and note. */
export function EditRoundPage() {
  const st = useStatusT();
  usePageTitle(st('status.roundForm.editTitle'));
  const { roundId = '' } = useParams();
  const me = useCurrentUser();
  const round = useRound(roundId);
  if (!me.abilities['status.manage']) return <RoundFormRefused />;
  if (round.isPending) return <LoadingState />;
  if (round.isError)
    return (
      <ErrorState
        error={round.error}
        onRetry={() => void round.refetch()}
        back={{ to: '/status', label: st('status.common.backToList') }}
        notFound={st('status.round.notFound')}
      />
    );
  return <EditRound round={round.data} />;
}

function EditRound({ round }: { round: Round }) {
  const st = useStatusT();
  const navigate = useNavigate();
  const update = useUpdateRound(round.id);
  const back = `/status/${round.id}`;
  return (
    <>
      <p className="back-link">
        <Link to={back} data-user-content>
          {round.title}
        </Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{st('status.eyebrow')}</p>
        <h1>{st('status.roundForm.editTitle')}</h1>
      </header>
      {round.abilities.edit ? (
        <RoundForm
          // Read once (the form keeps its own state): a background refetch must not wipe what is being typed.
          initial={draftOf(round)}
          locked={round.state !== 'draft'}
          busy={update.isPending}
          submitLabel={st('status.roundForm.save')}
          onSubmit={async (draft) => {
            const changes = changesOf(draft, round);
            if (Object.keys(changes).length === 0) {
              void navigate(back);
              return null;
            }
            const parsed = RoundUpdateBody.safeParse(changes);
            if (!parsed.success) return parsed.error;
            await update.mutateAsync(parsed.data);
            void navigate(back);
            return null;
          }}
          onCancel={() => void navigate(back)}
        />
      ) : (
        <Notice tone="info">{st('status.roundForm.closed')}</Notice>
      )}
    </>
  );
}

interface FormProps {
  initial: RoundDraft;
  /** An open round: its period and areas are fixed (the vendors are already writing to them). */
  locked: boolean;
  busy: boolean;
  submitLabel: string;
  /** Checks and sends the draft; a zod error means the check refused it. */
  onSubmit: (draft: RoundDraft) => Promise<ZodError | null>;
  onCancel: () => void;
}

/**
 * The round's particulars. The shared schema the server validates with checks them first, so most
 * mistakes show beside their field before anything is sent; an Enter confirming an IME conversion
 * never submits.
 */
function RoundForm({ initial, locked, busy, submitLabel, onSubmit, onCancel }: FormProps) {
  const st = useStatusT();
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<RoundDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    const touched = Object.keys(patch);
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !touched.includes(key))));
  };
  const focusFirstInvalid = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid input')?.focus());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    try {
      const refused = await onSubmit(draft);
      if (refused) {
        const found = draftErrorsFromZod(refused, t, {
          periodEnd: st('status.roundForm.errors.periodOrder'),
          businessAreas: st('status.roundForm.errors.areas'),
        });
        // `businessAreas.0` and the like belong to the group.
        const grouped: DraftErrors = {};
        for (const [key, message] of Object.entries(found)) grouped[FIELDS.find((f) => key.startsWith(f)) ?? key] ??= message;
        for (const key of ['title', 'periodStart', 'periodEnd', 'deadline'] as const)
          if (!draft[key].trim()) grouped[key] = t('errors.field.required');
        setErrors(grouped);
        setFormError(t('errors.summary'));
        focusFirstInvalid();
      }
    } catch (error) {
      const fieldError = serverDraftError(error, FIELDS, t);
      if (fieldError) setErrors(fieldError);
      setFormError(fieldError ? t('errors.summary') : errorMessage(error));
      if (fieldError) focusFirstInvalid();
    }
  }

  return (
    <form
      ref={formRef}
      className="form status-round-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={preventSubmitWhileComposing}
    >
      {locked && <Notice tone="info">{st('status.roundForm.lockedNotice')}</Notice>}
      <TextField
        label={st('status.fields.title')}
        hint={st('status.roundForm.titleHint')}
        required
        maxLength={STATUS_LIMITS.titleLength}
        value={draft.title}
        error={errors.title}
        onChange={(event) => set({ title: event.target.value })}
      />
      <fieldset className="status-round-form__period">
        <legend className="field__label">{st('status.fields.period')}</legend>
        <div className="status-round-form__dates">
          <TextField
            label={st('status.roundForm.periodStart')}
            type="date"
            required
            disabled={locked}
            value={draft.periodStart}
            error={errors.periodStart}
            onChange={(event) => set({ periodStart: event.target.value })}
          />
          <TextField
            label={st('status.roundForm.periodEnd')}
            type="date"
            required
            disabled={locked}
            value={draft.periodEnd}
            error={errors.periodEnd}
            onChange={(event) => set({ periodEnd: event.target.value })}
          />
        </div>
      </fieldset>
      <TextField
        label={st('status.fields.deadline')}
        hint={st('status.roundForm.deadlineHint')}
        type="datetime-local"
        required
        value={draft.deadline}
        error={errors.deadline}
        onChange={(event) => set({ deadline: event.target.value })}
      />
      {locked ? (
        <div className="field">
          <p className="field__label">{st('status.fields.businessAreas')}</p>
          <p className="field__hint">{st('status.roundForm.areasLocked', { count: draft.businessAreas.length })}</p>
        </div>
      ) : (
        <BusinessAreaSelect
          multiple
          byMinistry
          required
          label={st('status.fields.businessAreas')}
          hint={st('status.roundForm.areasHint')}
          value={draft.businessAreas}
          error={errors.businessAreas}
          onChange={(businessAreas) => set({ businessAreas })}
        />
      )}
      <Field label={st('status.fields.note')} hint={st('status.roundForm.noteHint')} error={errors.note}>
        {(control) => (
          <textarea
            {...control}
            className="textarea"
            rows={5}
            maxLength={STATUS_LIMITS.noteLength}
            value={draft.note}
            onChange={(event) => set({ note: event.target.value })}
          />
        )}
      </Field>
      <FormAlert message={formError} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {st('status.common.cancel')}
        </button>
      </div>
    </form>
  );
}
