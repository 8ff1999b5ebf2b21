import type { IssueDetail } from '@shared/schemas/issues';
import { FollowChoice } from '@client/components/FollowChoice';
import { useFollowIssue } from '@client/queries/issues';
import { useRegisterT } from '../useRegisterT';

/** Following this issue, per person: the register's 「フォロー中の課題だけ」 lists those followed. */
export function FollowPanel({ detail }: { detail: IssueDetail }) {
  const rt = useRegisterT();
  const id = detail.issue.id;
  return (
    <section className="side-panel" aria-label={rt('register.follow.legend')}>
      <FollowChoice
        id={id}
        state={detail.follow}
        save={useFollowIssue(id)}
        legend={rt('register.follow.legend')}
        optionLabel={(option) => rt(`register.follow.${option}`)}
        hint={(option) => rt(`register.follow.hint.${option}`)}
      />
    </section>
  );
}
