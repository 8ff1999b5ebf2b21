import type { RegisterStats } from '@shared/schemas/issues';
import { useRegisterT } from '../useRegisterT';
import { ChartFrame } from './ChartFrame';

/** Of the answered issues that had a due date, the share answered by it (Japan time). */
export function AnsweredWithinDue({ figures }: { figures: RegisterStats['answeredWithinDue'] }) {
  const rt = useRegisterT();
  const percent = figures.rate === null ? null : Math.round(figures.rate * 1000) / 10;
  return (
    <ChartFrame
      title={rt('register.dashboard.withinDue')}
      empty={percent === null ? rt('register.dashboard.withinDueNone') : null}
      note={rt('register.dashboard.withinDueHint')}
    >
      <p className="within-due__rate">
        <span className="within-due__number">{percent}</span>
        <span>%</span>
      </p>
      <div className="within-due__bar" aria-hidden="true">
        <span style={{ width: `${percent}%` }} />
      </div>
      <p className="small">{rt('register.dashboard.withinDueDetail', { withinDue: figures.withinDue, answered: figures.answered })}</p>
    </ChartFrame>
  );
}
