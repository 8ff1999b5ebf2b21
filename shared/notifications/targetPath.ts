import type { NotificationTarget } from '../schemas/notifications';

/** The `seq` parameter a thread page opens at (client/src/pages/threads/view/useMessageNumberLink.ts). */
export const MESSAGE_NUMBER_PARAM = 'seq';

/**
 * Where a notification leads, for the inbox and the e-mail alike: the thread (at its message, when it
 * names one), the issue, the meeting, the announcement, the reporting round or report, the profile.
 */
export function targetPath(target: NotificationTarget): string {
  const id = encodeURIComponent(target.id);
  switch (target.type) {
    case 'thread':
      return target.seq === null ? `/threads/${id}` : `/threads/${id}?${MESSAGE_NUMBER_PARAM}=${target.seq}`;
    case 'issue':
      return `/register/${id}`;
    case 'meeting':
      return `/meetings/${id}`;
    case 'announcement':
      return `/announcements/${id}`;
    case 'statusRound':
      return `/status/${id}`;
    case 'statusReport': {
      const [roundId = '', organizationId = ''] = target.id.split(':');
      return `/status/${encodeURIComponent(roundId)}/reports/${encodeURIComponent(organizationId)}`;
    }
    case 'account':
      return '/profile';
  }
}
