import { useId, useState } from 'react';
import type { IssueBulkChange } from '@shared/schemas/issues';
import { MINISTRY_KEYS, type MinistryKey } from '@shared/reference/council';
import type { IssueStatus } from '@shared/register/rules';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';

/**
 * The statuses a bulk change offers: 新規 is never a target, and 重複 needs a surviving issue per
 * issue (the issue's own page). 回答済 is offered; the server refuses it for an issue with no answer yet.
 */
export const BULK_STATUSES = ['accepted', 'reviewing', 'answered', 'closed', 'rejected'] as const satisfies readonly IssueStatus[];
type BulkStatus = (typeof BULK_STATUSES)[number];
/** '' = back to the ministry derived from each issue's business areas. */
type Route = MinistryKey | '';

/** Shown while issues are ticked: how many, the two changes (each asks for confirmation first) and 「選択を解除」. */
export function BulkBar({ count, onChange, onClear }: { count: number; onChange: (change: IssueBulkChange) => void; onClear: () => void }) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const id = useId();
  const [status, setStatus] = useState<BulkStatus>('accepted');
  const [ministry, setMinistry] = useState<Route>(MINISTRY_KEYS[0]);
  return (
    <section className="bulk-bar" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="visually-hidden">
        {rt('register.bulk.title')}
      </h3>
      <p className="bulk-bar__count">{rt('register.bulk.selected', { count })}</p>
      <div className="bulk-bar__action">
        <label htmlFor={`${id}-status`}>{rt('register.bulk.status')}</label>
        <select id={`${id}-status`} className="select" value={status} onChange={(e) => setStatus(e.target.value as BulkStatus)}>
          {BULK_STATUSES.map((s) => (
            <option key={s} value={s}>
              {labels.status(s)}
            </option>
          ))}
        </select>
        <button type="button" className="button button--secondary button--small" onClick={() => onChange({ kind: 'status', status })}>
          {rt('register.bulk.changeStatus')}
        </button>
      </div>
      <div className="bulk-bar__action">
        <label htmlFor={`${id}-ministry`}>{rt('register.bulk.ministry')}</label>
        <select id={`${id}-ministry`} className="select" value={ministry} onChange={(e) => setMinistry(e.target.value as Route)}>
          {MINISTRY_KEYS.map((m) => (
            <option key={m} value={m}>
              {labels.ministry(m)}
            </option>
          ))}
          <option value="">{rt('register.bulk.ministryDerived')}</option>
        </select>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onChange({ kind: 'route', ministry: ministry || null })}
        >
          {rt('register.bulk.changeRoute')}
        </button>
      </div>
      <button type="button" className="button button--tertiary button--small" onClick={onClear}>
        {rt('register.bulk.clear')}
      </button>
    </section>
  );
}
