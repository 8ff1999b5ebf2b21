import { useEffect, useRef, useState } from 'react';
import { useMeetingsT } from '../useMeetingsT';
import { AgendaItemEditor } from './AgendaItemEditor';
import { errorsUnder, type DraftErrors } from './draftErrors';
import { newAgendaItem, type AgendaDraft } from './meetingDraft';

interface Props {
  agenda: AgendaDraft[];
  errors: DraftErrors;
  /** Sum of time boxes against the meeting's length, shown as a hint. */
  totalMinutes: number;
  meetingMinutes: number | null;
  onChange: (agenda: AgendaDraft[]) => void;
}

const MAX_ITEMS = 50;

/**
 * The agenda (議題): items added, removed and reordered with buttons (keyboard- and screen-reader
 * friendly, unlike drag and drop). After a move, focus follows the moved item's button, and the
 * new position is announced.
 */
export function AgendaEditor({ agenda, errors, totalMinutes, meetingMinutes, onChange }: Props) {
  const mt = useMeetingsT();
  const [announcement, setAnnouncement] = useState('');
  // What to focus once the reordered (or added) rows are on screen.
  const focusNext = useRef<(() => void) | null>(null);

  useEffect(() => {
    focusNext.current?.();
    focusNext.current = null;
  });

  function move(index: number, offset: -1 | 1) {
    const target = index + offset;
    const item = agenda[index];
    if (!item || target < 0 || target >= agenda.length) return;
    const next = [...agenda];
    next.splice(index, 1);
    next.splice(target, 0, item);
    onChange(next);
    // At the top or bottom the pressed button becomes disabled: send focus to the other one.
    const edge = target === 0 || target === agenda.length - 1;
    const button = `${item.key}-${edge ? (offset < 0 ? 'down' : 'up') : offset < 0 ? 'up' : 'down'}`;
    focusNext.current = () => document.getElementById(button)?.focus();
    setAnnouncement(mt('meetings.form.moved', { title: item.title || mt('meetings.form.untitled'), number: target + 1 }));
  }

  function remove(index: number) {
    const item = agenda[index];
    onChange(agenda.filter((_, i) => i !== index));
    setAnnouncement(mt('meetings.form.removed', { title: item?.title || mt('meetings.form.untitled') }));
  }

  function add() {
    const item = newAgendaItem();
    onChange([...agenda, item]);
    focusNext.current = () => document.getElementById(`${item.key}-item`)?.querySelector('input')?.focus();
  }

  return (
    <fieldset className="agenda-editor">
      <legend className="agenda-editor__heading">{mt('meetings.form.agenda')}</legend>
      <p className="field__hint">
        {meetingMinutes === null
          ? mt('meetings.form.agendaTotal', { total: totalMinutes })
          : mt('meetings.form.agendaTotalOf', { total: totalMinutes, length: meetingMinutes })}
        {meetingMinutes !== null && totalMinutes > meetingMinutes && (
          <strong className="agenda-editor__over"> {mt('meetings.form.agendaOver')}</strong>
        )}
      </p>
      {errors.agenda && (
        <p className="field__error" role="alert">
          {errors.agenda}
        </p>
      )}
      {agenda.length === 0 ? (
        <p className="muted">{mt('meetings.form.agendaEmpty')}</p>
      ) : (
        <ol className="agenda-editor__list">
          {agenda.map((item, index) => (
            <li key={item.key} id={`${item.key}-item`}>
              <AgendaItemEditor
                item={item}
                index={index}
                count={agenda.length}
                errors={errorsUnder(errors, `agenda.${index}`)}
                onChange={(changed) => onChange(agenda.map((a, i) => (i === index ? changed : a)))}
                onMove={(offset) => move(index, offset)}
                onRemove={() => remove(index)}
              />
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="button button--secondary" onClick={add} disabled={agenda.length >= MAX_ITEMS}>
        <span aria-hidden="true">＋</span>
        {mt('meetings.form.addItem')}
      </button>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </fieldset>
  );
}
