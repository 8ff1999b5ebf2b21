import { useMemo, useRef, useState } from 'react';
import { BUSINESS_AREA_KEYS } from '@shared/reference/council';
import type { AreaChange, Report, ReportDraftBody, Round } from '@shared/schemas/statusReports';
import { areaProblems, emptyAreaEntry, problemMessage, STATUS_LIMITS, type AreaEntry } from '@shared/statusReports/rules';
import { dateOnly, todayInJapan } from '@shared/japanDates';
import { isApiError } from '@client/api';
import { isImeComposing } from '@client/components/imeKeys';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { Field } from '@client/components/Field';
import { FormAlert } from '@client/components/FormAlert';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { ReasonDialog } from '@client/components/ReasonDialog';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { formatJapanClock } from '@client/pages/meetings/common/japanTime';
import { useSaveDraft, useSubmitReport } from '@client/queries/statusReports';
import { useStatusLabels } from '../labels';
import { useStatusT } from '../useStatusT';
import { AreaFieldset, fieldId } from './AreaFieldset';
import { displayField, entryOf, formOf, type AreaForm } from './areaForm';
import { useDraftAutosave, type DraftPart, type SaveState } from './useDraftAutosave';

const areaOrder = (key: string) => BUSINESS_AREA_KEYS.indexOf(key as (typeof BUSINESS_AREA_KEYS)[number]);
const byCouncilOrder = (a: string, b: string) => areaOrder(a) - areaOrder(b);

/** One thing to put right, for the summary: where it is and what it says. */
interface Listed {
  id: string;
  where: string;
  message: string;
}

/**
 * The report form of a vendor's member while the round is open. Drafts save as they are typed (the
 * changed area only; never mid-conversion); each problem shows beside its field as it is typed (what
 * contradicts itself at once; what is missing once a submission was tried), with a summary on submit.
 */
export function ReportEditor({ report, round }: { report: Report; round: Round | null }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const errorMessage = useErrorMessage();
  const today = useMemo(() => dateOnly(todayInJapan())!, []);
  const roundId = report.round.id;
  const organizationId = report.organization.id;
  const save = useSaveDraft(roundId, organizationId);
  const submit = useSubmitReport(roundId, organizationId);

  // What is being typed; the ref holds the same, written at once, for the saves (which run after a pause).
  const [forms, setForms] = useState<Record<string, AreaForm>>({});
  const [comment, setComment] = useState(report.comment ?? '');
  const [added, setAdded] = useState<AreaChange[]>(report.added);
  const [removed, setRemoved] = useState<AreaChange[]>(report.removed);
  const draft = useRef({ forms, comment, added, removed });
  const serverEntries = new Map<string, AreaEntry>(report.areas.map((a) => [a.area, a.entry]));
  const formFor = (area: string): AreaForm => draft.current.forms[area] ?? formOf(serverEntries.get(area) ?? emptyAreaEntry());

  const removedSet = new Set<string>(removed.map((r) => r.area));
  const areas = [...new Set([...report.areas.map((a) => a.area), ...added.map((a) => a.area)])]
    .filter((a) => !removedSet.has(a))
    .sort(byCouncilOrder);

  const autosave = useDraftAutosave({
    bodyFor: (parts) => {
      const body: ReportDraftBody = {};
      const sent: DraftPart[] = [];
      const { forms: typed, comment: text, added: plus, removed: minus } = draft.current;
      const gone = new Set<string>(minus.map((r) => r.area));
      const present = new Set<string>([...report.areas.map((a) => a.area), ...plus.map((a) => a.area)].filter((a) => !gone.has(a)));
      const entries: Record<string, AreaEntry> = {};
      for (const part of parts) {
        if (part === 'comment') body.comment = text;
        else if (part === 'lists') {
          body.added = plus;
          body.removed = minus;
        } else {
          const area = part.slice('area:'.length);
          const form = typed[area];
          if (present.has(area) && form) {
            const { entry, problems } = entryOf(form);
            if (Object.keys(problems).length > 0) continue;
            entries[area] = entry;
          }
        }
        sent.push(part);
      }
      if (Object.keys(entries).length > 0) body.areas = entries;
      return { body, sent };
    },
    save: (body) => save.mutateAsync(body),
    onSaved: (saved, sent) => {
      if (sent.includes('lists')) {
        draft.current.added = saved.added;
        draft.current.removed = saved.removed;
        setAdded(saved.added);
        setRemoved(saved.removed);
      }
    },
  });

  const [attempted, setAttempted] = useState(false);
  const [asking, setAsking] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const summaryRef = useRef<HTMLElement>(null);

  const changeArea = (area: string, patch: Partial<AreaForm>) => {
    draft.current.forms = { ...draft.current.forms, [area]: { ...formFor(area), ...patch } };
    setForms(draft.current.forms);
    setDone(null);
    if (submit.isError) submit.reset();
    autosave.touch(`area:${area}`);
  };
  const changeLists = (plus: AreaChange[], minus: AreaChange[]) => {
    draft.current.added = plus;
    draft.current.removed = minus;
    setAdded(plus);
    setRemoved(minus);
    setDone(null);
    autosave.touch('lists', true);
  };

  // The server's word on a field (a save or submission refused, naming it), until that part is saved again.
  const failure = autosave.state.phase === 'failed' ? autosave.state.error : submit.isError ? submit.error : null;
  const serverField = isApiError(failure) && (failure.status === 400 || failure.status === 409) ? failure.formField : undefined;

  function areaErrors(area: string): Record<string, string> {
    const { entry, problems } = entryOf(formFor(area));
    const out: Record<string, string> = {};
    for (const [field, problem] of Object.entries(problems)) out[field] = st(`status.report.input.${problem}`);
    const prefix = `areas.${area}.`;
    if (serverField?.startsWith(prefix) && isApiError(failure)) out[displayField(serverField.slice(prefix.length))] ??= failure.detail;
    for (const p of areaProblems(area, entry, { complete: attempted, today })) {
      out[p.field.slice(prefix.length)] ??= problemMessage(p.code, labels.language);
    }
    return out;
  }

  const fieldLabel = (field: string) => {
    if (field.startsWith('special.')) return `${st('status.report.specialShort')} ${labels.reasonShort(field.slice('special.'.length))}`;
    if (field === 'special') return st('status.report.groups.special');
    return st(`status.fields.${field as 'phase'}`);
  };
  const listed: Listed[] = areas.flatMap((area) =>
    Object.entries(areaErrors(area)).map(([field, message]) => ({
      id: fieldId(area, field),
      where: `${labels.area(area)}：${fieldLabel(field)}`,
      message,
    })),
  );
  if (attempted && areas.length === 0)
    listed.push({ id: 'status-add-area', where: st('status.report.areas.title'), message: problemMessage('noAreas', labels.language) });

  async function trySubmit() {
    setAttempted(true);
    setDone(null);
    submit.reset();
    const saved = await autosave.saveNow();
    // Read the problems as they are now that every rule applies (the state above updates on the next render).
    const blocking =
      areas.length === 0 ||
      areas.some((area) => {
        const { entry, problems } = entryOf(formFor(area));
        return Object.keys(problems).length > 0 || areaProblems(area, entry, { complete: true, today }).length > 0;
      });
    if (!saved || blocking) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setAsking(true);
  }

  async function confirmSubmit() {
    try {
      const submitted = await submit.mutateAsync();
      setAttempted(false);
      setDone(st('status.report.submitted', { version: submitted.version }));
    } catch {
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
    setAsking(false);
  }

  const profileArea = (area: string) => report.areas.some((a) => a.area === area && a.source === 'profile');
  const addable = (round?.businessAreas ?? []).filter((a) => !areas.includes(a)).sort(byCouncilOrder);

  return (
    <form
      className="form status-report-form"
      noValidate
      // Nothing submits by Enter: the report saves itself, and is submitted by its button only.
      onSubmit={(event) => event.preventDefault()}
      onKeyDown={preventSubmitWhileComposing}
      {...autosave.compositionHandlers}
    >
      <p className="muted">{st('status.report.lead')}</p>
      {(listed.length > 0 && attempted) || (submit.isError && !serverField) ? (
        <section id="status-summary" className="status-summary" ref={summaryRef} tabIndex={-1} aria-labelledby="status-summary-title">
          <p id="status-summary-title" className="status-summary__title">
            {listed.length > 0 ? st('status.report.summary.title', { count: listed.length }) : st('status.report.summary.failed')}
          </p>
          {listed.length > 0 ? (
            <ul className="status-summary__list">
              {listed.map((item) => (
                <li key={item.id + item.message}>
                  <a
                    href={`#${item.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(item.id)?.focus();
                    }}
                  >
                    {item.where}
                  </a>
                  {st('status.common.separator')}
                  {item.message}
                </li>
              ))}
            </ul>
          ) : (
            <p>{errorMessage(submit.error)}</p>
          )}
        </section>
      ) : null}
      <section className="status-areas" aria-labelledby="status-areas-title">
        <h2 id="status-areas-title">{st('status.report.areas.title')}</h2>
        {areas.length === 0 && <p className="muted">{st('status.report.areas.none')}</p>}
        {areas.map((area) => (
          <AreaFieldset
            key={area}
            area={area}
            form={forms[area] ?? formFor(area)}
            errors={areaErrors(area)}
            onChange={(patch) => changeArea(area, patch)}
            addedReason={added.find((a) => a.area === area)?.reason}
            onRemove={() => {
              if (profileArea(area)) setRemoving(area);
              else
                changeLists(
                  added.filter((a) => a.area !== area),
                  removed,
                );
            }}
          />
        ))}
        <AddArea
          addable={addable}
          onAdd={(area, reason) => {
            if (removedSet.has(area))
              changeLists(
                added,
                removed.filter((r) => r.area !== area),
              );
            else changeLists([...added, { area, reason }], removed);
          }}
          needsReason={(area) => !removedSet.has(area)}
        />
        <RemovedAreas
          removed={removed}
          onRestore={(area) =>
            changeLists(
              added,
              removed.filter((r) => r.area !== area),
            )
          }
        />
      </section>
      {report.comment !== null && (
        <Field label={st('status.fields.comment')} hint={st('status.hints.comment')}>
          {(control) => (
            <textarea
              {...control}
              className="textarea"
              rows={4}
              maxLength={STATUS_LIMITS.textLength}
              value={comment}
              onChange={(event) => {
                draft.current.comment = event.target.value;
                setComment(event.target.value);
                setDone(null);
                autosave.touch('comment');
              }}
            />
          )}
        </Field>
      )}
      <div className="status-report__bar">
        <SaveStatus state={autosave.state} onRetry={autosave.retry} />
        <div className="status-report__submit">
          {report.abilities.submit ? (
            <button
              type="button"
              className="button button--primary"
              disabled={submit.isPending}
              aria-busy={submit.isPending || undefined}
              onClick={() => void trySubmit()}
            >
              {st('status.report.submit')}
            </button>
          ) : (
            <p className="small muted">
              {st(
                report.state === 'submitted'
                  ? 'status.report.submitNote.submitted'
                  : report.state === 'notStarted'
                    ? 'status.report.submitNote.notStarted'
                    : 'status.report.submitNote.notAllowed',
              )}
            </p>
          )}
        </div>
        <p className="status-report__done" role="status">
          {done}
        </p>
      </div>
      <FormAlert message={submit.isError && serverField && !serverField.startsWith('areas.') ? errorMessage(submit.error) : null} />
      <ConfirmDialog
        open={asking}
        title={st('status.report.submitDialog.title')}
        body={st('status.report.submitDialog.body', { count: areas.length })}
        confirmLabel={st('status.report.submitDialog.confirm')}
        busy={submit.isPending}
        onConfirm={() => void confirmSubmit()}
        onCancel={() => setAsking(false)}
      />
      {removing && (
        <ReasonDialog
          title={st('status.report.areas.removeDialog.title', { area: labels.area(removing) })}
          body={st('status.report.areas.removeDialog.body')}
          reasonLabel={st('status.report.areas.reason')}
          reasonRequired
          confirmLabel={st('status.report.areas.removeDialog.confirm')}
          maxLength={STATUS_LIMITS.reasonLength}
          onConfirm={(reason) => {
            changeLists(
              added.filter((a) => a.area !== removing),
              [...removed, { area: removing as AreaChange['area'], reason: reason ?? '' }],
            );
            setRemoving(null);
          }}
          onCancel={() => setRemoving(null)}
        />
      )}
    </form>
  );
}

/** 保存中… / 保存しました / 保存できませんでした: said politely as it changes. */
function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const errorMessage = useErrorMessage();
  const text =
    state.phase === 'saved'
      ? st('status.report.save.saved', { time: formatJapanClock(state.at.toISOString(), labels.language) })
      : state.phase === 'failed'
        ? st('status.report.save.failed', { message: errorMessage(state.error) })
        : state.phase === 'idle'
          ? st('status.report.save.idle')
          : st(`status.report.save.${state.phase}`);
  return (
    <div className={`status-save status-save--${state.phase}`}>
      <p className="status-save__text" role="status" aria-live="polite">
        {text}
      </p>
      {state.phase === 'failed' && (
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          {st('status.report.save.retry')}
        </button>
      )}
    </div>
  );
}

/** 業務を追加: an area of the round the report does not have yet, with the reason (none to undo a removal). */
function AddArea({
  addable,
  onAdd,
  needsReason,
}: {
  addable: string[];
  onAdd: (area: AreaChange['area'], reason: string) => void;
  needsReason: (area: string) => boolean;
}) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const [area, setArea] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (addable.length === 0) return null;
  const reasonNeeded = area !== '' && needsReason(area);
  function add() {
    if (!area) return setError(st('status.report.areas.chooseArea'));
    if (reasonNeeded && !reason.trim()) return setError(st('status.report.areas.reasonRequired'));
    onAdd(area as AreaChange['area'], reason.trim());
    setArea('');
    setReason('');
    setError(null);
  }
  return (
    <fieldset id="status-add-area" className="status-add-area" tabIndex={-1}>
      <legend className="field__label">{st('status.report.areas.addTitle')}</legend>
      <p className="field__hint">{st('status.report.areas.addHint')}</p>
      <div className="status-add-area__row">
        <Field label={st('status.fields.businessArea')}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={area}
              onChange={(event) => {
                setArea(event.target.value);
                setError(null);
              }}
            >
              <option value="">{st('status.report.choose')}</option>
              {addable.map((key) => (
                <option key={key} value={key}>
                  {labels.area(key)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {reasonNeeded && (
          <Field label={st('status.report.areas.reason')} required>
            {(control) => (
              <input
                {...control}
                className="input"
                type="text"
                maxLength={STATUS_LIMITS.reasonLength}
                value={reason}
                onChange={(event) => {
                  setReason(event.target.value);
                  setError(null);
                }}
                onKeyDown={(event) => {
                  // Enter here adds the area (not submitting the report), unless it confirms a conversion.
                  if (event.key === 'Enter' && !isImeComposing(event)) {
                    event.preventDefault();
                    add();
                  }
                }}
              />
            )}
          </Field>
        )}
        <button type="button" className="button button--secondary" onClick={add}>
          {st('status.report.areas.add')}
        </button>
      </div>
      <p className="field__error" aria-live="polite">
        {error}
      </p>
    </fieldset>
  );
}

/** The profile's areas taken out of this report, each with its reason and a way back. */
function RemovedAreas({ removed, onRestore }: { removed: AreaChange[]; onRestore: (area: string) => void }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  if (removed.length === 0) return null;
  return (
    <div className="status-removed">
      <h3 className="status-removed__title">{st('status.report.areas.removedTitle')}</h3>
      <ul className="status-removed__list">
        {removed.map((r) => (
          <li key={r.area}>
            <span>
              {labels.area(r.area)}
              {st('status.common.separator')}
              <span data-user-content>{r.reason}</span>
            </span>
            <button type="button" className="button button--tertiary button--small" onClick={() => onRestore(r.area)}>
              {st('status.report.areas.restore', { area: labels.area(r.area) })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
