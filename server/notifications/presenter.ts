/** A stored notification as it leaves the server. */
import type { Notification } from '@shared/schemas/notifications';
import type { NotificationRecord } from './model';

export function presentNotification(row: NotificationRecord, read: boolean): Notification {
  return {
    id: row._id,
    kind: row.kind,
    stream: row.stream,
    at: row.at.toISOString(),
    read,
    actor: row.actor ?? null,
    target: row.target,
    count: row.count ?? 1,
    detail: row.detail ?? {},
  };
}
