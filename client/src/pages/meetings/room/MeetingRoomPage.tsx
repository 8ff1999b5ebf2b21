import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '@client/components/CurrentUser';
import { LoadingState } from '@client/components/LoadingState';
import { NotFound } from '@client/components/NotFound';
import { withUserContent } from '@client/components/withUserContent';
import { NotPermitted } from '@client/components/NotPermitted';
import { Notice } from '@client/components/Notice';
import { usePageTitle } from '@client/components/usePageTitle';
import { KindBadge, MeetingStatusBadge } from '../common/MeetingBadges';
import { MeetingTime } from '../common/MeetingTime';
import { StatusControls } from '../detail/StatusControls';
import { useMeetingsT } from '../useMeetingsT';
import { ChatPanel } from './ChatPanel';
import { CurrentAgendaItem } from './CurrentAgendaItem';
import { FloorControl } from './FloorControl';
import { HandQueue } from './HandQueue';
import { PresencePanel } from './PresencePanel';
import { QuestionQueue } from './QuestionQueue';
import { RaiseHand } from './RaiseHand';
import { RoomBeforeStart } from './RoomBeforeStart';
import { RoomAgenda } from './RoomAgenda';
import { ConnectionBanner } from '@client/components/ConnectionBanner';
import { canSpeakIn } from './roomState';
import { useMeetingRoom } from './useMeetingRoom';
import { useOutbox } from './useOutbox';
import { useRoomAnnouncer } from './useRoomAnnouncer';

/**
 * /meetings/:id/room: the live room — the agenda item under discussion, chat, the question queue,
 * who is present, raising a hand for the floor (observers), and (for the secretariat) the controls
 * that run the meeting, the raised hands first. After the meeting
 * ends the same page is its read-only record.
 */
export function MeetingRoomPage() {
  const mt = useMeetingsT();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const readNewId = useId();
  const announcer = useRoomAnnouncer(mt, me.id);
  const { room, refusal, commands } = useMeetingRoom(id, announcer.onEvent);
  const chatOutbox = useOutbox(commands.sendChat);
  const questionOutbox = useOutbox(commands.raiseQuestion);
  usePageTitle(room ? mt('meetings.room.pageTitle', { title: room.meeting.title }) : mt('meetings.room.title'));

  const back = (
    <p className="back-link">
      <Link to={`/meetings/${id}`}>{mt('meetings.room.backToMeeting')}</Link>
    </p>
  );
  if (refusal) {
    // Not started yet (409): say what and when, and let the secretariat start it.
    if (refusal.status === 409) return <RoomBeforeStart meetingId={id} />;
    if (refusal.status === 403) {
      return (
        <NotPermitted
          title={mt('meetings.room.refused.notInvitedTitle')}
          body={mt('meetings.room.refused.notInvited')}
          back={{ to: `/meetings/${id}`, label: mt('meetings.room.backToMeeting') }}
        />
      );
    }
    return <NotFound detail={mt('meetings.detail.notFound')} back={{ to: '/meetings', label: mt('meetings.detail.backToList') }} />;
  }
  if (!room) {
    return (
      <>
        {back}
        <ConnectionBanner message={mt('meetings.room.disconnected')} />
        <LoadingState label={mt('meetings.room.joining')} />
      </>
    );
  }

  const live = room.meeting.status === 'live';
  const speaksByRole = me.abilities['meeting.speak'];
  const canSpeak = canSpeakIn(room, { id: me.id, speaksByRole });
  const manage = me.abilities['meeting.manage'] && live;
  const floorIds = new Set(room.floor.map((p) => p.id));
  const handIds = new Set(room.hands.map((h) => h.person.id));
  const cannotSpeak = !live ? (
    <p className="room-readonly-note muted">{mt('meetings.room.readOnlyShort')}</p>
  ) : (
    <Notice tone="info">{mt('meetings.room.needFloor')}</Notice>
  );
  // An observer without the floor asks for it where they would write: under the chat.
  const mayRaiseHand = live && me.abilities['meeting.raiseHand'] && !floorIds.has(me.id);
  const cannotChat = mayRaiseHand ? <RaiseHand hands={room.hands} myId={me.id} setHand={commands.setHand} /> : cannotSpeak;

  return (
    <>
      {back}
      <ConnectionBanner message={mt('meetings.room.disconnected')} />
      <header className="room-header">
        <p className="meeting-header__badges">
          <KindBadge kind={room.meeting.kind} />
          <MeetingStatusBadge status={room.meeting.status} />
        </p>
        <h1>{withUserContent((title) => mt('meetings.room.pageTitle', { title }), room.meeting.title)}</h1>
        <p className="small">
          <MeetingTime startsAt={room.meeting.startsAt} endsAt={room.meeting.endsAt} />
          {room.meeting.onlineUrl && (
            <>
              {' · '}
              <a href={room.meeting.onlineUrl} target="_blank" rel="noopener noreferrer">
                {mt('meetings.room.onlineLink')}
                <span className="visually-hidden">{mt('meetings.detail.opensNewWindow')}</span>
              </a>
            </>
          )}
        </p>
        <label className="checkbox small" htmlFor={readNewId}>
          <input
            id={readNewId}
            type="checkbox"
            checked={announcer.readNew}
            onChange={(event) => announcer.setReadNew(event.target.checked)}
          />
          {mt('meetings.room.readNew')}
        </label>
        <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-user-content={announcer.quotesPeople || undefined}>
          {announcer.announcement}
        </p>
      </header>
      {!live && (
        <Notice tone="info" title={mt('meetings.room.readOnlyTitle')}>
          <p>{mt('meetings.room.readOnly')}</p>
        </Notice>
      )}
      {live && !speaksByRole && floorIds.has(me.id) && <Notice tone="success">{mt('meetings.room.floorGiven')}</Notice>}
      <CurrentAgendaItem agenda={room.agenda} currentId={room.meeting.currentAgendaItemId} />
      {manage && <HandQueue hands={room.hands} setFloor={commands.setFloor} dismissHand={commands.dismissHand} />}
      <div className="room-layout">
        <ChatPanel chat={room.chat} outbox={chatOutbox} myId={me.id} canSpeak={canSpeak} cannotSpeak={cannotChat} />
        <QuestionQueue
          questions={room.questions}
          outbox={questionOutbox}
          myId={me.id}
          canSpeak={canSpeak}
          canManage={manage}
          commands={commands}
          cannotSpeak={cannotSpeak}
        />
      </div>
      <div className="room-layout room-layout--side">
        <RoomAgenda
          agenda={room.agenda}
          currentId={room.meeting.currentAgendaItemId}
          canManage={manage}
          setCurrent={commands.setCurrentAgendaItem}
        />
        <PresencePanel presence={room.presence} floorIds={floorIds} handIds={handIds} />
        {manage && <FloorControl presence={room.presence} floor={room.floor} handIds={handIds} setFloor={commands.setFloor} />}
      </div>
      {manage && <StatusControls meeting={room.meeting} />}
    </>
  );
}
