/**
 * Every searchable model's source (./types.ts), by the name its schema's `indexWritesIn` gives. Adding a kind:
 * a module here, its name in `SearchSourceName` (../indexWrites.ts) and `indexWritesIn` on its schema.
 */
import type { SearchKind } from '@shared/schemas/search';
import type { SearchSourceName } from '../indexWrites';
import type { SearchSource } from './types';
import { announcementSearch } from './announcements';
import { attachmentSearch } from './attachments';
import { issueCommentSearch } from './issueComments';
import { issueSearch } from './issues';
import { meetingSearch } from './meetings';
import { messageSearch } from './messages';
import { organizationSearch } from './organizations';
import { statusReportSearch } from './statusReports';
import { threadSearch } from './threads';

export const searchSources: Record<SearchSourceName, SearchSource> = {
  threads: threadSearch as SearchSource,
  messages: messageSearch as SearchSource,
  issues: issueSearch as SearchSource,
  issueComments: issueCommentSearch as SearchSource,
  meetings: meetingSearch as SearchSource,
  announcements: announcementSearch as SearchSource,
  statusReports: statusReportSearch as SearchSource,
  organizations: organizationSearch as SearchSource,
  attachments: attachmentSearch as SearchSource,
};

const byKind = new Map<SearchKind, SearchSource>();
for (const source of Object.values(searchSources)) for (const kind of source.kinds) byKind.set(kind, source);

/** The source that finds items of `kind`. */
export function sourceOfKind(kind: SearchKind): SearchSource {
  const source = byKind.get(kind);
  if (!source) throw new Error(`search: no source gives the kind ${kind}`);
  return source;
}
