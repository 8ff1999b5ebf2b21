import { Field } from '@client/components/Field';
import { TextField } from '@client/components/TextField';
import { OrganizationSelect } from '../common/OrganizationSelect';
import { useMeetingsT } from '../useMeetingsT';
import type { ActionDraft } from './minutesDraft';

interface Props {
  action: ActionDraft;
  number: number;
  errors: Record<string, string>;
  onChange: (action: ActionDraft) => void;
  onRemove: () => void;
}

/** One 対応事項: what is to be done, by which organisation, by when, and whether it is done. */
export function ActionItemEditor({ action, number, errors, onChange, onRemove }: Props) {
  const mt = useMeetingsT();
  const set = (patch: Partial<ActionDraft>) => onChange({ ...action, ...patch });
  return (
    <fieldset className="minutes-editor__entry">
      <legend className="minutes-editor__entry-title">{mt('meetings.minutesEditor.actionItem', { number })}</legend>
      <TextField
        label={mt('meetings.minutesEditor.actionText')}
        required
        maxLength={2000}
        value={action.text}
        error={errors.text}
        onChange={(event) => set({ text: event.target.value })}
      />
      <div className="minutes-editor__row">
        <Field label={mt('meetings.actionItems.owner')} error={errors.ownerOrganizationId}>
          {(control) => (
            <OrganizationSelect
              {...control}
              value={action.ownerOrganizationId}
              noneLabel={mt('meetings.actionItems.noOwner')}
              onChange={(id) => set({ ownerOrganizationId: id })}
            />
          )}
        </Field>
        <TextField
          label={mt('meetings.actionItems.due')}
          hint={mt('meetings.minutesEditor.dueHint')}
          type="date"
          value={action.dueDate}
          error={errors.dueDate}
          onChange={(event) => set({ dueDate: event.target.value })}
        />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={action.done} onChange={(event) => set({ done: event.target.checked })} />
        {mt('meetings.actionItems.done')}
      </label>
      <button
        type="button"
        className="button button--danger-outline button--small"
        onClick={onRemove}
        aria-label={mt('meetings.minutesEditor.removeActionItem', { number })}
      >
        {mt('meetings.form.remove')}
      </button>
    </fieldset>
  );
}
