import type { ReportState, RoundState } from '@shared/statusReports/rules';
import { DateTimeText } from '@client/components/DateTimeText';
import { useStatusT } from './useStatusT';

/** 下書き / 受付中 / 締切済: a round's state, in words (the colour only helps the eye). */
export function RoundStateBadge({ state }: { state: RoundState }) {
  const st = useStatusT();
  return <span className={`badge status-round-badge status-round-badge--${state}`}>{st(`status.roundState.${state}`)}</span>;
}

/** 未着手 / 作成中 / 提出済み / 差し戻し: one organisation's report in a round. */
export function ReportStateBadge({ state }: { state: ReportState }) {
  const st = useStatusT();
  return <span className={`badge status-report-badge status-report-badge--${state}`}>{st(`status.reportState.${state}`)}</span>;
}

/** 2026年4月1日〜2026年9月30日: a round's period (days in Japan). */
export function PeriodText({ start, end }: { start: string; end: string }) {
  const st = useStatusT();
  return (
    <>
      <DateTimeText iso={start} dateOnly />
      {st('status.round.periodJoiner')}
      <DateTimeText iso={end} dateOnly />
    </>
  );
}
