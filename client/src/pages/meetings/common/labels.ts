import {
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  RSVP_LABELS,
  type MeetingKind,
  type MeetingStatus,
  type RsvpResponse,
} from '@shared/meetings/rules';
import { useLanguage } from '@client/i18n/useLanguage';

/**
 * The names of kinds, statuses and RSVP answers come from shared/meetings/rules, in both
 * languages, so the server's exports and the client say the same words.
 */
export function useMeetingLabels() {
  const [language] = useLanguage();
  return {
    kind: (kind: MeetingKind) => MEETING_KIND_LABELS[kind][language],
    status: (status: MeetingStatus) => MEETING_STATUS_LABELS[status][language],
    rsvp: (response: RsvpResponse) => RSVP_LABELS[response][language],
  };
}
