import type { NotificationTarget } from '@shared/schemas/notifications';
import { messageNumberLink } from '@client/pages/threads/view/useMessageNumberLink';

/** Where a notification leads: the thread (at its message, when it names one), the issue, the meeting, the announcement, the profile. */
export function targetLink(target: NotificationTarget): string {
  const id = encodeURIComponent(target.id);
  switch (target.type) {
    case 'thread':
      return target.seq !== null ? messageNumberLink(id, target.seq) : `/threads/${id}`;
    case 'issue':
      return `/register/${id}`;
    case 'meeting':
      return `/meetings/${id}`;
    case 'announcement':
      return `/announcements/${id}`;
    case 'account':
      return '/profile';
  }
}
