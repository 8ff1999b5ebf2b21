import { SPEC_REVISION_MIN_LEAD_DAYS } from '@shared/reference/council';
import { Notice } from '@client/components/Notice';
import { leadTimeOf } from '../common/dates';
import { useRegisterT } from '../useRegisterT';

/**
 * The one-year rule for law changes (the specification is revised at least a year before
 * enforcement), checked as the dates are typed: a warning under it, a quiet note otherwise.
 */
export function LeadTimeNotice({ enforcement, specPublished }: { enforcement: string; specPublished: string }) {
  const rt = useRegisterT();
  const lead = leadTimeOf(enforcement || null, specPublished || null);
  return (
    <div aria-live="polite" className="lead-time-notice">
      {lead === null ? (
        <p className="field__hint">{rt('register.leadTime.needEnforcement')}</p>
      ) : lead.short ? (
        <Notice tone="warning" title={rt('register.leadTime.shortTitle')}>
          <p>
            {rt(lead.fromToday ? 'register.leadTime.shortFromToday' : 'register.leadTime.short', { days: lead.days, count: lead.days, min: SPEC_REVISION_MIN_LEAD_DAYS })}
          </p>
          <p className="small">{rt('register.leadTime.rule')}</p>
        </Notice>
      ) : (
        <p className="field__hint">
          {rt(lead.fromToday ? 'register.leadTime.okFromToday' : 'register.leadTime.ok', { days: lead.days, count: lead.days, min: SPEC_REVISION_MIN_LEAD_DAYS })}
        </p>
      )}
    </div>
  );
}
