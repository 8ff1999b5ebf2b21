import type { HistoryEntry } from '@shared/schemas/issues';
import { DateTimeText } from '@client/components/DateTimeText';
import { useRegisterLabels } from '../common/labels';
import { PersonWithOrganization } from '@client/components/PersonWithOrganization';
import { useRegisterT } from '../useRegisterT';
import { entrySummary, fieldLabel, noteText, valueText } from './historyText';

/** 履歴: every change to the issue, oldest first — what changed from what to what, who, when. */
export function HistoryTimeline({ history }: { history: HistoryEntry[] }) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();

  return (
    <section className="issue-section" aria-labelledby="history-title">
      <h2 id="history-title">{rt('register.history.title')}</h2>
      {history.length === 0 ? (
        <p className="muted">{rt('register.history.none')}</p>
      ) : (
        <ol className="history">
          {history.map((entry) => (
            <li key={entry.id} className={`history__entry history__entry--${entry.type}`}>
              <p className="history__head">
                <span className="history__what">{entrySummary(entry, rt)}</span>
                <span className="history__who">
                  <PersonWithOrganization person={entry.by} />
                </span>
                <span className="history__when small">
                  <DateTimeText iso={entry.at} />
                </span>
              </p>
              {entry.changes.length > 0 && (
                <ul className="history__changes">
                  {entry.changes.map((change, index) => {
                    const from = valueText(change.field, change.from, labels, rt);
                    const to = valueText(change.field, change.to, labels, rt);
                    return (
                      <li key={`${change.field}-${index}`}>
                        <span className="history__field">{fieldLabel(change.field, rt)}</span>
                        {from !== null && to !== null ? (
                          <span className="history__values">
                            <span className="history__from">{from}</span>
                            <span aria-hidden="true"> → </span>
                            <span className="visually-hidden">{rt('register.history.to')}</span>
                            <span className="history__to">{to}</span>
                          </span>
                        ) : (
                          <span className="history__values muted">{rt('register.history.textChanged')}</span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
              {entry.note && <p className="history__note">{rt('register.history.note', { note: noteText(entry.note, rt) })}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
