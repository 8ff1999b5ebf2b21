import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { INBOX_TABS, type InboxTab } from '@shared/notifications/kinds';
import { ErrorState } from '@client/components/ErrorState';
import { InlineError } from '@client/components/InlineError';
import { LoadingState } from '@client/components/LoadingState';
import { TabLinks } from '@client/components/TabLinks';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { usePageTitle } from '@client/components/usePageTitle';
import { useInbox, useMarkAllNotificationsRead, useMarkNotificationsRead, useUnreadNotificationCount } from '@client/queries/notifications';
import { NotificationRow } from './NotificationRow';

const TAB_PARAM = 'tab';

/** The tab in the address (?tab=unread); `all` when there is none or it is not one of the tabs. */
function useInboxTab(): InboxTab {
  const [params] = useSearchParams();
  const asked = params.get(TAB_PARAM);
  return INBOX_TABS.find((tab) => tab === asked) ?? 'all';
}

/** /notifications: the person's inbox by tab, newest first, with marking read and the way to the settings. */
export function InboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const tab = useInboxTab();
  const unread = useUnreadNotificationCount();
  const errorMessage = useErrorMessage();
  const markAll = useMarkAllNotificationsRead();

  return (
    <>
      <header className="page-header">
        <h1>{t('notifications.title')}</h1>
        <p className="lead">{t('notifications.inbox.lead')}</p>
      </header>
      <div className="inbox-toolbar">
        <p className="inbox-toolbar__count" role="status">
          {unread > 0 ? t('notifications.inbox.unreadCount', { count: unread }) : t('notifications.inbox.noUnread')}
        </p>
        <div className="inbox-toolbar__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={unread === 0 || markAll.isPending}
            aria-busy={markAll.isPending || undefined}
            onClick={() => markAll.mutate()}
          >
            {markAll.isPending ? t('notifications.inbox.markingAllRead') : t('notifications.inbox.markAllRead')}
          </button>
          <Link to="/profile/notifications" className="inbox-toolbar__settings">
            {t('notifications.inbox.settingsLink')}
          </Link>
        </div>
      </div>
      <InlineError message={markAll.isError && t('notifications.inbox.changeFailed', { message: errorMessage(markAll.error) })} />
      <TabLinks
        tabs={INBOX_TABS}
        current={tab}
        searchFor={(option) => (option === 'all' ? '' : `?${TAB_PARAM}=${option}`)}
        labelFor={(option) => t(`notifications.inbox.tabs.${option}`)}
        label={t('notifications.inbox.tabsLabel')}
        className="inbox-tabs"
      />
      <InboxList key={tab} tab={tab} />
    </>
  );
}

/** One tab's notifications, 30 at a time. */
function InboxList({ tab }: { tab: InboxTab }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const inbox = useInbox(tab);
  const mark = useMarkNotificationsRead();
  const notifications = inbox.data?.pages.flatMap((page) => page.notifications) ?? [];

  return (
    <section className="inbox" aria-labelledby="inbox-list-title">
      <h2 id="inbox-list-title" className="visually-hidden">
        {t('notifications.inbox.listLabel')}
      </h2>
      {inbox.isPending ? (
        <LoadingState />
      ) : inbox.isError && !inbox.data ? (
        <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : notifications.length === 0 ? (
        <div className="state-panel">
          <p>{t('notifications.inbox.empty')}</p>
        </div>
      ) : (
        <>
          <p className="visually-hidden" role="status">
            {t('notifications.inbox.shown', { count: notifications.length })}
          </p>
          <InlineError message={mark.isError && t('notifications.inbox.changeFailed', { message: errorMessage(mark.error) })} />
          <ul className="notification-list">
            {notifications.map((notification) => (
              <NotificationRow key={notification.id} notification={notification} onMark={(id, read) => mark.mutate({ ids: [id], read })} />
            ))}
          </ul>
          {inbox.isFetchNextPageError && (
            <p className="field__error" role="alert">
              {t('notifications.inbox.loadMoreFailed')}
            </p>
          )}
          {inbox.hasNextPage && (
            <p className="inbox__more">
              <button
                type="button"
                className="button button--secondary"
                disabled={inbox.isFetchingNextPage}
                aria-busy={inbox.isFetchingNextPage || undefined}
                onClick={() => void inbox.fetchNextPage()}
              >
                {inbox.isFetchingNextPage ? t('notifications.inbox.loadingMore') : t('notifications.inbox.loadMore')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
