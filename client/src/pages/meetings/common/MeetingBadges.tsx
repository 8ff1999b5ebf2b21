import type { MeetingKind, MeetingStatus } from '@shared/meetings/rules';
import { useMeetingLabels } from './labels';

/** 全体会議 / 課題協議会議, coloured apart so a list can be scanned by kind. */
export function KindBadge({ kind }: { kind: MeetingKind }) {
  const labels = useMeetingLabels();
  return <span className={`meeting-badge meeting-badge--${kind}`}>{labels.kind(kind)}</span>;
}

/** 下書き, 開催予定, 開催中 … ; 開催中 stands out because it means "you can join now". */
export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const labels = useMeetingLabels();
  return <span className={`meeting-status meeting-status--${status}`}>{labels.status(status)}</span>;
}
