import { useSearchParams } from 'react-router';
import { MEETING_KINDS, type MeetingKind } from '@shared/meetings/rules';
import type { MeetingListFilters } from '@client/queries/meetings';

export const MEETING_TABS = ['upcoming', 'past', 'mine'] as const;
export type MeetingTab = (typeof MEETING_TABS)[number];

const isTab = (value: string | null): value is MeetingTab => (MEETING_TABS as readonly (string | null)[]).includes(value);
const isKind = (value: string | null): value is MeetingKind => (MEETING_KINDS as readonly (string | null)[]).includes(value);

/** The tab and kind live in the URL (?tab=past&kind=plenary) so a view can be bookmarked and shared. */
export function useMeetingListView() {
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const kindParam = params.get('kind');
  const tab: MeetingTab = isTab(tabParam) ? tabParam : 'upcoming';
  const kind: MeetingKind | undefined = isKind(kindParam) ? kindParam : undefined;

  // 自分の会議 spans past and future: everything one's organisation is invited to.
  const filters: MeetingListFilters = tab === 'mine' ? { when: 'all', mine: true } : { when: tab };
  if (kind) filters.kind = kind;

  const hrefFor = (next: MeetingTab) => {
    const query = new URLSearchParams();
    if (next !== 'upcoming') query.set('tab', next);
    if (kind) query.set('kind', kind);
    const text = query.toString();
    return text ? `?${text}` : '';
  };
  const setKind = (next: MeetingKind | undefined) =>
    setParams((current) => {
      const query = new URLSearchParams(current);
      if (next) query.set('kind', next);
      else query.delete('kind');
      return query;
    });

  return { tab, kind, filters, hrefFor, setKind };
}
