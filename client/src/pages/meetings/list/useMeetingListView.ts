import { useSearchParams } from 'react-router';
import { MEETING_KINDS, type MeetingKind } from '@shared/meetings/rules';
import type { MeetingListFilters, MinutesArchiveParams } from '@client/queries/meetings';

/** 今後 / 過去 / 自分の会議 list meetings; 議事録 is the archive of published minutes. */
export const MEETING_TABS = ['upcoming', 'past', 'mine', 'minutes'] as const;
export type MeetingTab = (typeof MEETING_TABS)[number];

const isTab = (value: string | null): value is MeetingTab => (MEETING_TABS as readonly (string | null)[]).includes(value);
const isKind = (value: string | null): value is MeetingKind => (MEETING_KINDS as readonly (string | null)[]).includes(value);
const pageOf = (value: string | null): number => (value && /^[1-9][0-9]{0,3}$/.test(value) ? Number(value) : 1);

/**
 * The tab, kind and (in the archive) page live in the URL (?tab=minutes&kind=plenary&page=2) so a
 * view can be bookmarked and shared.
 */
export function useMeetingListView() {
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const kindParam = params.get('kind');
  const tab: MeetingTab = isTab(tabParam) ? tabParam : 'upcoming';
  const kind: MeetingKind | undefined = isKind(kindParam) ? kindParam : undefined;
  const page = tab === 'minutes' ? pageOf(params.get('page')) : 1;

  // 自分の会議 spans past and future: everything one's organisation is invited to.
  const filters: MeetingListFilters = tab === 'mine' ? { when: 'all', mine: true } : { when: tab === 'past' ? 'past' : 'upcoming' };
  if (kind) filters.kind = kind;
  const archive: MinutesArchiveParams = kind ? { page, kind } : { page };

  const hrefFor = (next: MeetingTab) => {
    const query = new URLSearchParams();
    if (next !== 'upcoming') query.set('tab', next);
    if (kind) query.set('kind', kind);
    const text = query.toString();
    return text ? `?${text}` : '';
  };
  /** Another page of the archive, as an address of its own (the back button returns to the previous page). */
  const setPage = (next: number) =>
    setParams((current) => {
      const query = new URLSearchParams(current);
      if (next > 1) query.set('page', String(next));
      else query.delete('page');
      return query;
    });
  const setKind = (next: MeetingKind | undefined) =>
    setParams((current) => {
      const query = new URLSearchParams(current);
      if (next) query.set('kind', next);
      else query.delete('kind');
      // Another kind is another list: back to its first page.
      query.delete('page');
      return query;
    });

  return { tab, kind, filters, archive, hrefFor, setKind, setPage };
}
