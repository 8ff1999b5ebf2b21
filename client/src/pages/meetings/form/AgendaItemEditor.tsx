import { Field } from '@client/components/Field';
import { TextField } from '@client/components/TextField';
import { IssueSearchBox } from '../common/IssueSearchBox';
import { OrganizationSelect } from '../common/OrganizationSelect';
import { useMeetingsT } from '../useMeetingsT';
import type { DraftErrors } from './draftErrors';
import { LinkChips } from './LinkChips';
import type { AgendaDraft } from './meetingDraft';
import { ThreadLinkPicker } from './ThreadLinkPicker';

interface Props {
  item: AgendaDraft;
  index: number;
  count: number;
  errors: DraftErrors;
  onChange: (item: AgendaDraft) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}

/** One 議題: title, presenting organisation, time box, linked issues and threads, and its place in the order. */
export function AgendaItemEditor({ item, index, count, errors, onChange, onMove, onRemove }: Props) {
  const mt = useMeetingsT();
  const number = index + 1;
  const set = (patch: Partial<AgendaDraft>) => onChange({ ...item, ...patch });
  const linkError = errors.issueIds ?? errors.threadIds;

  return (
    <fieldset className="agenda-editor__item">
      <legend className="agenda-editor__legend">{mt('meetings.form.agendaItem', { number })}</legend>
      <div className="agenda-editor__fields">
        <TextField
          label={mt('meetings.form.agendaTitle')}
          required
          value={item.title}
          maxLength={200}
          error={errors.title}
          onChange={(event) => set({ title: event.target.value })}
        />
        <Field label={mt('meetings.form.presenter')} hint={mt('meetings.form.presenterHint')} error={errors.presenterOrganizationId}>
          {(control) => (
            <OrganizationSelect
              {...control}
              value={item.presenterOrganizationId}
              noneLabel={mt('meetings.form.noPresenter')}
              onChange={(id) => set({ presenterOrganizationId: id })}
            />
          )}
        </Field>
        <TextField
          label={mt('meetings.form.agendaMinutes')}
          type="number"
          inputMode="numeric"
          min={1}
          max={600}
          required
          value={item.minutes}
          error={errors.minutes}
          onChange={(event) => set({ minutes: event.target.value })}
        />
      </div>
      <div className="agenda-editor__links">
        <div>
          <p className="field__label">{mt('meetings.form.linkedIssues')}</p>
          <LinkChips
            label={mt('meetings.form.linkedIssues')}
            items={item.issues.map((i) => ({ id: i.id, text: `${i.number} ${i.title}` }))}
            onRemove={(id) => set({ issues: item.issues.filter((i) => i.id !== id) })}
          />
          <IssueSearchBox
            label={mt('meetings.pickers.issue')}
            excludeIds={item.issues.map((i) => i.id)}
            onPick={(issue) => set({ issues: [...item.issues, issue] })}
          />
        </div>
        <div>
          <p className="field__label">{mt('meetings.form.linkedThreads')}</p>
          <LinkChips
            label={mt('meetings.form.linkedThreads')}
            items={item.threads.map((t) => ({ id: t.id, text: t.title }))}
            onRemove={(id) => set({ threads: item.threads.filter((t) => t.id !== id) })}
          />
          <ThreadLinkPicker linked={item.threads} onAdd={(thread) => set({ threads: [...item.threads, thread] })} />
        </div>
      </div>
      {linkError && (
        <p className="field__error" role="alert">
          {linkError}
        </p>
      )}
      <div className="agenda-editor__actions">
        <button
          type="button"
          id={`${item.key}-up`}
          className="button button--secondary button--small"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={mt('meetings.form.moveUp', { number })}
        >
          <span aria-hidden="true">↑</span> {mt('meetings.form.up')}
        </button>
        <button
          type="button"
          id={`${item.key}-down`}
          className="button button--secondary button--small"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={mt('meetings.form.moveDown', { number })}
        >
          <span aria-hidden="true">↓</span> {mt('meetings.form.down')}
        </button>
        <button
          type="button"
          className="button button--danger-outline button--small"
          onClick={onRemove}
          aria-label={mt('meetings.form.removeItem', { number })}
        >
          {mt('meetings.form.remove')}
        </button>
      </div>
    </fieldset>
  );
}
