/**
 * 督促 (remind those who have not acted yet) and its log, as the announcement tracker and the status
 * round's progress both offer them: a button with a confirmation, what was sent, and every reminder
 * sent before (who, when, how many organisations and people). Each page gives its own words.
 */
import { useState, type ReactNode } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import { ConfirmDialog } from './ConfirmDialog';
import { DateTimeText } from './DateTimeText';
import { FormAlert } from './FormAlert';
import { useErrorMessage } from './useErrorMessage';

/** A reminder as both logs have it. */
export interface SentReminder {
  id: string;
  at: string;
  by: { displayName: string };
  organizations: number;
  people: number;
}

export interface RemindLabels {
  button: string;
  dialogTitle: string;
  dialogBody: string;
  dialogConfirm: string;
  done(reminder: SentReminder): string;
}

/**
 * The button (when `canRemind`) after `status` (what the page says of who is still waiting), the
 * result read out when sent, a refusal in an alert, and the confirmation dialog.
 */
export function RemindControl(props: {
  className: string;
  canRemind: boolean;
  status?: ReactNode;
  mutation: UseMutationResult<SentReminder, Error, void>;
  labels: RemindLabels;
}) {
  const { className, canRemind, mutation, labels } = props;
  const errorMessage = useErrorMessage();
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  async function run() {
    setDone(null);
    try {
      setDone(labels.done(await mutation.mutateAsync()));
    } catch {
      // Shown by the alert below.
    }
    setAsking(false);
  }

  return (
    <div className={className}>
      {props.status}
      {canRemind && (
        <button type="button" className="button button--primary" onClick={() => setAsking(true)}>
          {labels.button}
        </button>
      )}
      <p role="status" className="remind-control__done">
        {done}
      </p>
      <FormAlert message={mutation.isError ? errorMessage(mutation.error) : null} />
      <ConfirmDialog
        open={asking}
        title={labels.dialogTitle}
        body={labels.dialogBody}
        confirmLabel={labels.dialogConfirm}
        busy={mutation.isPending}
        onConfirm={() => void run()}
        onCancel={() => setAsking(false)}
      />
    </div>
  );
}

export interface ReminderLogLabels {
  title: string;
  empty: string;
  caption: string;
  at: string;
  by: string;
  organizations: string;
  people: string;
}

/** Every reminder sent, newest first, or a line saying there was none. */
export function ReminderLog({
  headingId,
  reminders,
  labels,
}: {
  headingId: string;
  reminders: readonly SentReminder[];
  labels: ReminderLogLabels;
}) {
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{labels.title}</h2>
      {reminders.length === 0 ? (
        <p className="muted">{labels.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{labels.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{labels.at}</th>
                <th scope="col">{labels.by}</th>
                <th scope="col" className="numeric">
                  {labels.organizations}
                </th>
                <th scope="col" className="numeric">
                  {labels.people}
                </th>
              </tr>
            </thead>
            <tbody>
              {reminders.map((r) => (
                <tr key={r.id}>
                  <td>
                    <DateTimeText iso={r.at} />
                  </td>
                  <td data-user-content>{r.by.displayName}</td>
                  <td className="numeric">{r.organizations}</td>
                  <td className="numeric">{r.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
