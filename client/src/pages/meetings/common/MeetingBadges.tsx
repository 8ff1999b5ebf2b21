import type { SpeakerKind } from '@shared/domain';
import type { MeetingKind, MeetingStatus } from '@shared/meetings/rules';
import { useMeetingsT } from '../useMeetingsT';
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

/**
 * Whom a person in the live room speaks for: 府省 / 団体 / 事務局 / 開発 / 支援 — the app's badge
 * (`.badge`), coloured apart by kind; the full name (開発事業者 …) on hover.
 */
export function SpeakerBadge({ kind }: { kind: SpeakerKind | null }) {
  const mt = useMeetingsT();
  if (!kind) return null;
  return (
    <span className={`badge badge--speaker badge--speaker-${kind}`} title={mt(`meetings.room.speakerKindLong.${kind}`)}>
      {mt(`meetings.room.speakerKind.${kind}`)}
    </span>
  );
}

/** A raised hand (挙手): ✋, named for screen readers. */
export function HandMark({ label }: { label: string }) {
  return (
    <span className="hand-mark">
      <span aria-hidden="true">✋</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
