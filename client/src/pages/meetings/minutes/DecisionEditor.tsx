import { useId } from 'react';
import type { IssueRef } from '@shared/schemas/issues';
import { IssueSearchBox } from '../common/IssueSearchBox';
import { useMeetingsT } from '../useMeetingsT';
import type { DecisionDraft, DecisionEffect } from './minutesDraft';

interface Props {
  decision: DecisionDraft;
  number: number;
  /** The issues linked to this agenda item first, then the rest of the agenda's. */
  suggestedIssues: IssueRef[];
  errors: Record<string, string>;
  onChange: (decision: DecisionDraft) => void;
  onRemove: () => void;
}

const EFFECTS: DecisionEffect[] = ['record', 'answer'];

/**
 * One 決定事項: its text, optionally the register issue it settles, and what publishing does with
 * it — 記録のみ (written into the issue's history) or 公式回答として登録 (also posted as the official
 * answer, which moves the issue to 回答済).
 */
export function DecisionEditor({ decision, number, suggestedIssues, errors, onChange, onRemove }: Props) {
  const mt = useMeetingsT();
  const id = useId();
  const set = (patch: Partial<DecisionDraft>) => onChange({ ...decision, ...patch });
  const knownHere = suggestedIssues.some((i) => i.id === decision.issueId);
  // An issue outside the agenda (saved so, or found with the search) is offered too, by the number and title it came with.
  const options = decision.issue && !knownHere ? [...suggestedIssues, decision.issue] : suggestedIssues;
  const choose = (issueId: string | null) => set({ issueId, issue: options.find((i) => i.id === issueId) ?? null });

  return (
    <fieldset className="minutes-editor__entry">
      <legend className="minutes-editor__entry-title">{mt('meetings.minutesEditor.decision', { number })}</legend>
      <div className={errors.text ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={`${id}-text`}>
          {mt('meetings.minutesEditor.decisionText')}
        </label>
        <textarea
          id={`${id}-text`}
          className="textarea"
          rows={3}
          maxLength={5000}
          value={decision.text}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={`${id}-text-error`}
          onChange={(event) => set({ text: event.target.value })}
        />
        <div id={`${id}-text-error`} className="field__error" aria-live="polite">
          {errors.text}
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-issue`}>
          {mt('meetings.minutesEditor.issue')}
        </label>
        <select
          id={`${id}-issue`}
          className="select"
          value={decision.issueId ?? ''}
          onChange={(event) => choose(event.target.value || null)}
        >
          <option value="">{mt('meetings.minutesEditor.noIssue')}</option>
          {decision.issueId && !options.some((i) => i.id === decision.issueId) && (
            <option value={decision.issueId}>{decision.issueId}</option>
          )}
          {options.map((issue) => (
            <option key={issue.id} value={issue.id}>
              {issue.number} {issue.title}
            </option>
          ))}
        </select>
        <IssueSearchBox
          label={mt('meetings.minutesEditor.otherIssue')}
          excludeIds={options.map((i) => i.id)}
          onPick={(issue) => set({ issueId: issue.id, issue })}
        />
      </div>
      <fieldset className="minutes-editor__effect" disabled={!decision.issueId}>
        <legend className="field__label">{mt('meetings.minutesEditor.effect')}</legend>
        <p className="field__hint">
          {decision.issueId ? mt('meetings.minutesEditor.effectHint') : mt('meetings.minutesEditor.effectNeedsIssue')}
        </p>
        <div className="segmented">
          {EFFECTS.map((effect) => (
            <label key={effect} className="segmented__option">
              <input
                type="radio"
                name={`${id}-effect`}
                value={effect}
                checked={(decision.issueId ? decision.effect : 'record') === effect}
                onChange={() => set({ effect })}
              />
              <span>{mt(`meetings.minutes.effect.${effect}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button
        type="button"
        className="button button--danger-outline button--small"
        onClick={onRemove}
        aria-label={mt('meetings.minutesEditor.removeDecision', { number })}
      >
        {mt('meetings.form.remove')}
      </button>
    </fieldset>
  );
}
