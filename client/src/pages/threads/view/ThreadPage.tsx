import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ObjectIdString } from '@shared/schemas/common';
import { ErrorState, isDeadEnd } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { NotFound } from '@client/components/NotFound';
import { usePageTitle } from '@client/components/usePageTitle';
import { useThreadDetail } from '@client/queries/threads';
import { useThreadTimeline } from '@client/queries/threadMessages';
import { ThreadConversation } from './ThreadConversation';
import { useMessageNumberLink } from './useMessageNumberLink';
import { useThreadRoom } from './useThreadRoom';

function BackLink() {
  const { t } = useTranslation();
  return (
    <p className="back-link">
      <Link to="/threads">← {t('threads.view.back')}</Link>
    </p>
  );
}

function ThreadNotFound() {
  const { t } = useTranslation();
  return <NotFound detail={t('threads.view.notFound')} back={{ to: '/threads', label: t('threads.view.back') }} />;
}

/** /threads/:id. Keyed by id, so moving to another thread starts clean (room, outbox, scroll). */
export function ThreadPage() {
  const { id = '' } = useParams();
  if (!ObjectIdString.safeParse(id).success) {
    return <ThreadNotFound />;
  }
  return <ThreadView key={id} threadId={id} />;
}

/** Loads the thread and its latest messages, joins its room, and turns refusals into clear pages. */
function ThreadView({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const detail = useThreadDetail(threadId);
  const timeline = useThreadTimeline(threadId);
  const room = useThreadRoom(threadId, timeline.isSuccess && detail.isSuccess);
  useMessageNumberLink(threadId);
  usePageTitle(detail.data?.thread.title ?? t('threads.title'));

  const failure = (!detail.data && detail.error) || (!timeline.data && timeline.error) || room.refusal;
  if (failure) {
    if (isDeadEnd(failure))
      return <ErrorState error={failure} back={{ to: '/threads', label: t('threads.view.back') }} notFound={t('threads.view.notFound')} />;
    return (
      <>
        <BackLink />
        <ErrorState
          error={failure}
          onRetry={() => {
            void detail.refetch();
            void timeline.refetch();
          }}
        />
      </>
    );
  }
  if (!detail.data || !timeline.data) {
    return (
      <>
        <BackLink />
        <LoadingState />
      </>
    );
  }
  return (
    <>
      <BackLink />
      <ThreadConversation detail={detail.data} timeline={timeline.data} viewers={room.viewers} />
    </>
  );
}
