import { DateTimeText } from '@client/components/DateTimeText';
import { OrgRefName } from '@client/components/OrgRefName';
import { useAnswerDrafts } from '@client/queries/issues';
import { RegisterMarkdown } from '../common/RegisterMarkdown';
import { useRegisterT } from '../useRegisterT';

/** 作成中の回答: for the secretariat's routing work, the answers other organisations are drafting. */
export function AnswerDraftsPanel({ issueId, organizationId }: { issueId: string; organizationId: string }) {
  const rt = useRegisterT();
  const drafts = useAnswerDrafts(issueId, true);
  const others = drafts.data?.drafts.filter((d) => d.organization.id !== organizationId) ?? [];
  if (others.length === 0) return null;
  return (
    <section className="answer-drafts" aria-labelledby="answer-drafts-title">
      <h3 id="answer-drafts-title">{rt('register.answers.draftsTitle')}</h3>
      <p className="field__hint">{rt('register.answers.draftsHint')}</p>
      {others.map((draft) => (
        <article key={draft.organization.id} className="answer-drafts__item">
          <p className="muted small">
            <OrgRefName organization={draft.organization} /> {rt('register.answers.lastSaved')}
            <DateTimeText iso={draft.at} />
          </p>
          <div data-user-content>
            <RegisterMarkdown source={draft.body} />
          </div>
        </article>
      ))}
    </section>
  );
}
