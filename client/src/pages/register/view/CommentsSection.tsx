import type { IssueDetail } from '@shared/schemas/issues';
import { DateTimeText } from '@client/components/DateTimeText';
import { useAddComment } from '@client/queries/issues';
import { PersonWithOrganization } from '@client/components/PersonWithOrganization';
import { useRegisterT } from '../useRegisterT';
import { BodyComposer } from './BodyComposer';
import { RegisterMarkdown } from '../common/RegisterMarkdown';

/** The discussion under an issue (not official), oldest first, and the box to add to it. */
export function CommentsSection({ detail, canComment }: { detail: IssueDetail; canComment: boolean }) {
  const rt = useRegisterT();
  const addComment = useAddComment(detail.issue.id);
  const comments = detail.comments.filter((c) => c.kind === 'comment');

  return (
    <section className="issue-section" aria-labelledby="comments-title">
      <h2 id="comments-title">
        {rt('register.comments.title')}
        <span className="issue-section__count">{rt('register.common.count', { count: comments.length })}</span>
      </h2>
      {comments.length === 0 ? (
        <p className="muted">{rt('register.comments.none')}</p>
      ) : (
        <ol className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id} className="comment">
              <p className="comment__meta">
                <PersonWithOrganization person={comment.author} />
                <span className="small muted">
                  <DateTimeText iso={comment.createdAt} />
                </span>
              </p>
              <RegisterMarkdown source={comment.body} />
            </li>
          ))}
        </ol>
      )}
      {canComment && (
        <BodyComposer
          label={rt('register.comments.composeLabel')}
          hint={rt('register.comments.composeHint')}
          submitLabel={rt('register.comments.post')}
          busyLabel={rt('register.comments.posting')}
          onSubmit={(body) => addComment.mutateAsync(body)}
        />
      )}
    </section>
  );
}
