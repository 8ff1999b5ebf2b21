import { Link } from 'react-router';
import { useMeetingsT } from '../useMeetingsT';
import { MEETING_TABS, type MeetingTab } from './useMeetingListView';

/** 今後 / 過去 / 自分の会議: links, so each view has its own address and the back button works. */
export function MeetingTabs({ current, hrefFor }: { current: MeetingTab; hrefFor: (tab: MeetingTab) => string }) {
  const mt = useMeetingsT();
  return (
    <nav className="tabs meeting-tabs" aria-label={mt('meetings.list.tabsLabel')}>
      {MEETING_TABS.map((tab) => (
        <Link
          key={tab}
          to={{ search: hrefFor(tab) }}
          className={tab === current ? 'tabs__link tabs__link--current' : 'tabs__link'}
          aria-current={tab === current ? 'page' : undefined}
        >
          {mt(`meetings.list.tabs.${tab}`)}
        </Link>
      ))}
    </nav>
  );
}
