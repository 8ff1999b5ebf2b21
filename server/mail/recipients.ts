/** Who mail goes to: active accounts with an address, each with the language they chose for e-mail. */
import type { MailLanguage } from '@shared/notifications/describe';
import { settingsOf } from '../notifications/settings';
import { peopleView } from '../users/peopleView';

export interface Recipient {
  userId: string;
  email: string;
  displayName: string;
  language: MailLanguage;
}

/** The people of `userIds` mail can go to now (from memory, and one `_id` `$in` for their settings). */
export async function recipientsOf(userIds: Iterable<string>): Promise<Map<string, Recipient>> {
  const ids = [...new Set(userIds)];
  const out = new Map<string, Recipient>();
  if (ids.length === 0) return out;
  const rows = await peopleView.current();
  const reachable = ids.filter((id) => {
    const row = rows.get(id);
    return row?.kind === 'user' && row.doc.active && Boolean(row.doc.email);
  });
  const settings = await settingsOf(reachable);
  for (const id of reachable) {
    const row = rows.get(id);
    if (row?.kind !== 'user') continue;
    out.set(id, { userId: id, email: row.doc.email, displayName: row.doc.displayName, language: settings.get(id)?.language ?? 'ja' });
  }
  return out;
}
