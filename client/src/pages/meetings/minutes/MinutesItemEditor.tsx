import type { IssueRef } from '@shared/schemas/issues';
import type { AgendaItem } from '@shared/schemas/meetings';
import { Field } from '@client/components/Field';
import { OrgRefName } from '@client/components/OrgRefName';
import { errorsUnder, type DraftErrors } from '../form/draftErrors';
import { useMeetingsT } from '../useMeetingsT';
import { ActionItemEditor } from './ActionItemEditor';
import { DecisionEditor } from './DecisionEditor';
import { newActionItem, newDecision, type MinutesItemDraft } from './minutesDraft';

interface Props {
  agendaItem: AgendaItem;
  number: number;
  item: MinutesItemDraft;
  /** Every issue the agenda links, to offer for decisions (this item's first). */
  agendaIssues: IssueRef[];
  errors: DraftErrors;
  onChange: (item: MinutesItemDraft) => void;
}

/** The minutes of one agenda item: summary, decisions and action items. */
export function MinutesItemEditor({ agendaItem, number, item, agendaIssues, errors, onChange }: Props) {
  const mt = useMeetingsT();
  const set = (patch: Partial<MinutesItemDraft>) => onChange({ ...item, ...patch });
  const suggested = [...agendaItem.issues, ...agendaIssues.filter((i) => !agendaItem.issues.some((own) => own.id === i.id))];
  const headingId = `minutes-item-${agendaItem.id}`;

  return (
    <section className="card minutes-editor__item" aria-labelledby={headingId}>
      <h2 id={headingId} className="minutes-editor__item-title">
        <span className="muted">{mt('meetings.form.agendaItem', { number })}</span> <span data-user-content>{agendaItem.title}</span>
      </h2>
      {agendaItem.presenter && (
        <p className="small muted">
          {mt('meetings.agenda.presenter')}: <OrgRefName organization={agendaItem.presenter} />
        </p>
      )}
      <Field label={mt('meetings.minutesEditor.summary')} error={errors.summary}>
        {(control) => (
          <textarea
            {...control}
            className="textarea"
            rows={5}
            maxLength={20000}
            value={item.summary}
            onChange={(event) => set({ summary: event.target.value })}
          />
        )}
      </Field>

      <h3 className="minutes-editor__subtitle">{mt('meetings.minutes.decisions')}</h3>
      {item.decisions.map((decision, index) => (
        <DecisionEditor
          key={decision.key}
          decision={decision}
          number={index + 1}
          suggestedIssues={suggested}
          errors={errorsUnder(errors, `decisions.${index}`)}
          onChange={(changed) => set({ decisions: item.decisions.map((d, i) => (i === index ? changed : d)) })}
          onRemove={() => set({ decisions: item.decisions.filter((_, i) => i !== index) })}
        />
      ))}
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => set({ decisions: [...item.decisions, newDecision()] })}
      >
        <span aria-hidden="true">＋</span>
        {mt('meetings.minutesEditor.addDecision')}
      </button>

      <h3 className="minutes-editor__subtitle">{mt('meetings.minutes.actionItems')}</h3>
      {item.actionItems.map((action, index) => (
        <ActionItemEditor
          key={action.key}
          action={action}
          number={index + 1}
          errors={errorsUnder(errors, `actionItems.${index}`)}
          onChange={(changed) => set({ actionItems: item.actionItems.map((a, i) => (i === index ? changed : a)) })}
          onRemove={() => set({ actionItems: item.actionItems.filter((_, i) => i !== index) })}
        />
      ))}
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => set({ actionItems: [...item.actionItems, newActionItem()] })}
      >
        <span aria-hidden="true">＋</span>
        {mt('meetings.minutesEditor.addActionItem')}
      </button>
    </section>
  );
}
