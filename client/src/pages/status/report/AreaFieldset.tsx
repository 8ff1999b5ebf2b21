import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { PHASES, SPECIAL_REASON_KEYS, STATUS_LIMITS, TRACKS, type SpecialReasonKey } from '@shared/statusReports/rules';
import { Field } from '@client/components/Field';
import { issueQueries } from '@client/queries/issues';
import { useStatusLabels } from '../labels';
import { useStatusT } from '../useStatusT';
import { COUNT_FIELDS, parseIssueNumbers, type AreaForm } from './areaForm';

/** The id of one field of one area: what the problems' summary links to. */
export const fieldId = (area: string, field: string) => `status-${area}-${field.replace(/\./g, '-')}`;

interface Props {
  area: string;
  form: AreaForm;
  /** Messages by field (`customers`, `special.mainframe`, `special` for the reasons' total). */
  errors: Record<string, string>;
  onChange: (patch: Partial<AreaForm>) => void;
  /** Taking the area out of the report (asks why, or undoes an addition). */
  onRemove?: (() => void) | undefined;
  /** Added for this round, with the reason. */
  addedReason?: string | undefined;
}

/**
 * One business area of the report: phase and specification, dates of first availability, the customer
 * municipalities and when they migrate, the 特定移行支援 systems by reason, the track with its
 * explanation, risks and the register issues that block it. Every control is labelled; the numbers
 * bring up a numeric keyboard; each problem shows beside its field as it is typed.
 */
export function AreaFieldset({ area, form, errors, onChange, onRemove, addedReason }: Props) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const id = (field: string) => fieldId(area, field);
  const count = (field: (typeof COUNT_FIELDS)[number]) => (
    <Field key={field} id={id(field)} label={st(`status.fields.${field}`)} hint={st(`status.hints.${field}`)} error={errors[field]}>
      {(control) => (
        <input
          {...control}
          className="input status-count"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={form[field]}
          onChange={(event) => onChange({ [field]: event.target.value } as Pick<AreaForm, typeof field>)}
        />
      )}
    </Field>
  );
  const special = (key: SpecialReasonKey) => (
    <Field
      key={key}
      id={id(`special.${key}`)}
      label={labels.reasonShort(key)}
      hint={labels.reasonText(key)}
      error={errors[`special.${key}`]}
      className="status-special__field"
    >
      {(control) => (
        <input
          {...control}
          className="input status-count"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={form.special[key]}
          onChange={(event) => onChange({ special: { ...form.special, [key]: event.target.value } })}
        />
      )}
    </Field>
  );
  const notOnTrack = form.track !== null && form.track !== 'onTrack';
  const headingId = `${id('heading')}`;

  return (
    <section className="status-area" aria-labelledby={headingId}>
      <div className="status-area__header">
        <h3 id={headingId} className="status-area__title">
          {labels.area(area)}
        </h3>
        {addedReason && (
          <p className="small muted status-area__added">
            {st('status.report.areas.addedBecause')} <span data-user-content>{addedReason}</span>
          </p>
        )}
        {onRemove && (
          <button type="button" className="button button--tertiary button--small" onClick={onRemove}>
            {st('status.report.areas.remove', { area: labels.area(area) })}
          </button>
        )}
      </div>
      <fieldset className="status-area__group">
        <legend className="status-area__legend">{st('status.report.groups.development')}</legend>
        <div className="status-area__grid">
          <Field id={id('phase')} label={st('status.fields.phase')} error={errors.phase}>
            {(control) => (
              <select
                {...control}
                className="select"
                value={form.phase ?? ''}
                onChange={(event) => onChange({ phase: PHASES.find((p) => p === event.target.value) ?? null })}
              >
                <option value="">{st('status.report.choose')}</option>
                {PHASES.map((phase) => (
                  <option key={phase} value={phase}>
                    {st(`status.phase.${phase}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={id('specVersion')}
            label={st('status.fields.specVersion')}
            hint={st('status.hints.specVersion')}
            error={errors.specVersion}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="text"
                maxLength={STATUS_LIMITS.specVersionLength}
                value={form.specVersion}
                onChange={(event) => onChange({ specVersion: event.target.value })}
              />
            )}
          </Field>
          <Field
            id={id('plannedAvailability')}
            label={st('status.fields.plannedAvailability')}
            hint={st('status.hints.plannedAvailability')}
            error={errors.plannedAvailability}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="date"
                value={form.plannedAvailability}
                onChange={(event) => onChange({ plannedAvailability: event.target.value })}
              />
            )}
          </Field>
          <Field
            id={id('actualAvailability')}
            label={st('status.fields.actualAvailability')}
            hint={st('status.hints.actualAvailability')}
            error={errors.actualAvailability}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="date"
                value={form.actualAvailability}
                onChange={(event) => onChange({ actualAvailability: event.target.value })}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset className="status-area__group">
        <legend className="status-area__legend">{st('status.report.groups.customers')}</legend>
        <div className="status-area__grid status-area__grid--counts">{COUNT_FIELDS.map(count)}</div>
      </fieldset>
      <fieldset
        className={errors.special ? 'status-area__group field--invalid' : 'status-area__group'}
        aria-describedby={`${id('special')}-hint ${id('special')}-error`}
        id={id('special')}
        tabIndex={-1}
      >
        <legend className="status-area__legend">{st('status.report.groups.special')}</legend>
        <p id={`${id('special')}-hint`} className="field__hint">
          {st('status.hints.special')}
        </p>
        <div className="status-area__grid status-area__grid--counts">{SPECIAL_REASON_KEYS.map(special)}</div>
        <div id={`${id('special')}-error`} className="field__error" aria-live="polite">
          {errors.special}
        </div>
      </fieldset>
      <fieldset className="status-area__group">
        <legend className="status-area__legend">{st('status.report.groups.track')}</legend>
        <div
          className={errors.track ? 'field field--invalid' : 'field'}
          role="radiogroup"
          aria-labelledby={`${id('track')}-label`}
          aria-describedby={errors.track ? `${id('track')}-error` : undefined}
        >
          <p id={`${id('track')}-label`} className="field__label">
            {st('status.fields.track')}
          </p>
          <div className="segmented">
            {TRACKS.map((track, i) => (
              <label key={track} className="segmented__option">
                <input
                  type="radio"
                  name={`${area}-track`}
                  id={i === 0 ? id('track') : undefined}
                  checked={form.track === track}
                  onChange={() => onChange({ track })}
                />
                <span>{st(`status.track.${track}`)}</span>
              </label>
            ))}
          </div>
          <div id={`${id('track')}-error`} className="field__error" aria-live="polite">
            {errors.track}
          </div>
        </div>
        <Field
          id={id('explanation')}
          label={st('status.fields.explanation')}
          hint={st('status.hints.explanation')}
          required={notOnTrack}
          error={errors.explanation}
        >
          {(control) => (
            <textarea
              {...control}
              className="textarea"
              rows={3}
              maxLength={STATUS_LIMITS.textLength}
              value={form.explanation}
              onChange={(event) => onChange({ explanation: event.target.value })}
            />
          )}
        </Field>
        <Field id={id('risks')} label={st('status.fields.risks')} hint={st('status.hints.risks')} error={errors.risks}>
          {(control) => (
            <textarea
              {...control}
              className="textarea"
              rows={3}
              maxLength={STATUS_LIMITS.textLength}
              value={form.risks}
              onChange={(event) => onChange({ risks: event.target.value })}
            />
          )}
        </Field>
        <Field
          id={id('blockingIssues')}
          label={st('status.fields.blockingIssues')}
          hint={st('status.hints.blockingIssues')}
          error={errors.blockingIssues}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="text"
              autoComplete="off"
              value={form.blockingIssues}
              onChange={(event) => onChange({ blockingIssues: event.target.value })}
            />
          )}
        </Field>
        <BlockingIssueLinks numbers={parseIssueNumbers(form.blockingIssues).value} />
      </fieldset>
    </section>
  );
}

/** The cited issues as links to the register (found by number), so the writer sees they named the right ones. */
export function BlockingIssueLinks({ numbers }: { numbers: string[] }) {
  const st = useStatusT();
  if (numbers.length === 0) return null;
  return (
    <ul className="status-issue-links" aria-label={st('status.report.issueLinks')}>
      {numbers.map((n) => (
        <li key={n}>
          <BlockingIssueLink number={n} />
        </li>
      ))}
    </ul>
  );
}

function BlockingIssueLink({ number }: { number: string }) {
  const st = useStatusT();
  const found = useQuery(issueQueries.search(number));
  const issue = found.data?.issues.find((i) => i.number === number);
  if (issue)
    return (
      <Link to={`/register/${issue.id}`}>
        <span className="status-issue-links__number">{issue.number}</span> <span data-user-content>{issue.title}</span>
      </Link>
    );
  if (found.isSuccess)
    return (
      <span className="status-issue-links__missing">
        {number} {st('status.report.issueNotFound')}
      </span>
    );
  return <Link to={`/register?q=${encodeURIComponent(number)}`}>{number}</Link>;
}
