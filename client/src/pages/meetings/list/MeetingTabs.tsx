import { TabLinks } from '@client/components/TabLinks';
import { useMeetingsT } from '../useMeetingsT';
import { MEETING_TABS, type MeetingTab } from './useMeetingListView';

/** 今後 / 過去 / 自分の会議: links, so each view has its own address and the back button works. */
export function MeetingTabs({ current, hrefFor }: { current: MeetingTab; hrefFor: (tab: MeetingTab) => string }) {
  const mt = useMeetingsT();
  return (
    <TabLinks
      className="meeting-tabs"
      label={mt('meetings.list.tabsLabel')}
      tabs={MEETING_TABS}
      current={current}
      searchFor={hrefFor}
      labelFor={(tab) => mt(`meetings.list.tabs.${tab}`)}
    />
  );
}
