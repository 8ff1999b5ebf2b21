import type { ReactNode } from 'react';
import type { Issue } from '@shared/schemas/issues';
import { BusinessAreaTags } from '@client/components/BusinessAreaTags';
import { DateTimeText } from '@client/components/DateTimeText';
import { DateOnlyText } from '../common/DateOnlyText';
import { DueDate, LeadTimeMark } from '../common/IssueMarks';
import { useRegisterLabels } from '../common/labels';
import { PersonWithOrganization } from '@client/components/PersonWithOrganization';
import { PriorityBadge, StatusBadge } from '../common/StatusBadge';
import { useRegisterT } from '../useRegisterT';

/** The issue's particulars as a description list: where it stands, who answers, by when. */
export function IssueFacts({ issue }: { issue: Issue }) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const notSet = <span className="muted">{rt('register.common.notSet')}</span>;

  return (
    <dl className="facts issue-facts">
      <Fact label={rt('register.fields.status')}>
        <StatusBadge status={issue.status} />
      </Fact>
      <Fact label={rt('register.fields.priority')}>{issue.priority ? <PriorityBadge priority={issue.priority} /> : notSet}</Fact>
      <Fact label={rt('register.fields.ministry')}>
        {issue.ministry ? (
          <>
            <span className="issue-facts__ministry">{labels.ministry(issue.ministry)}</span>
            <span className="issue-facts__note">
              {rt(issue.ministryOverridden ? 'register.detail.ministryOverridden' : 'register.detail.ministryDerived')}
            </span>
            <span className="issue-facts__note">
              {rt(`register.detail.routing.${issue.status}`, { ministry: labels.ministry(issue.ministry) })}
            </span>
          </>
        ) : (
          notSet
        )}
      </Fact>
      <Fact label={rt('register.fields.assignee')}>
        {issue.assignee ? (
          <span data-user-content>{issue.assignee.displayName}</span>
        ) : (
          <span className="muted">{rt('register.common.unassigned')}</span>
        )}
      </Fact>
      <Fact label={rt('register.fields.dueDate')}>
        <DueDate issue={issue} />
      </Fact>
      <Fact label={rt('register.fields.businessAreas')}>
        <BusinessAreaTags areas={issue.businessAreas} />
      </Fact>
      <Fact label={rt('register.fields.category')}>{labels.category(issue.category)}</Fact>
      <Fact label={rt('register.fields.specialReason')}>
        {issue.specialReason ? (
          <>
            <span>{labels.reasonShort(issue.specialReason)}</span>
            <span className="issue-facts__note">{labels.reasonText(issue.specialReason)}</span>
          </>
        ) : (
          notSet
        )}
      </Fact>
      {issue.category === 'lawChange' && (
        <>
          <Fact label={rt('register.fields.lawEnforcementDate')}>
            <DateOnlyText value={issue.lawEnforcementDate} fallback={rt('register.common.notSet')} />
          </Fact>
          <Fact label={rt('register.fields.specPublishedDate')}>
            <DateOnlyText value={issue.specPublishedDate} fallback={rt('register.detail.unpublished')} />
          </Fact>
          <Fact label={rt('register.fields.leadTime')}>
            {issue.leadTimeDays === null ? (
              notSet
            ) : (
              <>
                <span>
                  {rt(issue.specPublishedDate ? 'register.detail.leadTimeDays' : 'register.detail.leadTimeDaysFromToday', {
                    days: issue.leadTimeDays,
                    count: issue.leadTimeDays ?? 0,
                  })}
                </span>
                {issue.leadTimeShort ? (
                  <LeadTimeMark issue={issue} long />
                ) : (
                  <span className="issue-facts__note">{rt('register.detail.leadTimeOk')}</span>
                )}
              </>
            )}
          </Fact>
        </>
      )}
      <Fact label={rt('register.fields.raisedBy')}>
        <PersonWithOrganization person={issue.raisedBy} />
      </Fact>
      <Fact label={rt('register.fields.createdAt')}>
        <DateTimeText iso={issue.createdAt} />
      </Fact>
      <Fact label={rt('register.fields.answeredAt')}>
        <DateTimeText iso={issue.answeredAt} fallback={rt('register.detail.notAnswered')} />
      </Fact>
      <Fact label={rt('register.fields.updatedAt')}>
        <DateTimeText iso={issue.updatedAt} />
      </Fact>
    </dl>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
