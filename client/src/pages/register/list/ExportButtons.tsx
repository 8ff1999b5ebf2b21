import { useState } from 'react';
import type { IssueFilterParams } from '@client/queries/issues';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useRegisterT } from '../useRegisterT';
import { downloadExport, type ExportFormat } from './downloadExport';

type ExportState = { format: ExportFormat; phase: 'working' } | { format: ExportFormat; phase: 'failed'; message: string } | null;

/** Excel and CSV downloads of the register as currently filtered (every page, not only this one). */
export function ExportButtons({ filters }: { filters: IssueFilterParams }) {
  const rt = useRegisterT();
  const errorMessage = useErrorMessage();
  const [state, setState] = useState<ExportState>(null);
  const working = state?.phase === 'working';

  async function run(format: ExportFormat) {
    setState({ format, phase: 'working' });
    try {
      await downloadExport(format, filters);
      setState(null);
    } catch (error) {
      setState({ format, phase: 'failed', message: errorMessage(error) });
    }
  }

  const button = (format: ExportFormat) => (
    <button
      type="button"
      className="button button--secondary button--small"
      disabled={working}
      aria-busy={(working && state.format === format) || undefined}
      onClick={() => void run(format)}
    >
      {working && state.format === format ? rt('register.export.working') : rt(`register.export.${format}`)}
    </button>
  );

  return (
    <div className="register-export" role="group" aria-label={rt('register.export.label')}>
      <span className="register-export__label">{rt('register.export.label')}</span>
      {button('xlsx')}
      {button('csv')}
      <div className="register-export__status" aria-live="polite">
        {working && <span className="visually-hidden">{rt('register.export.working')}</span>}
        {state?.phase === 'failed' && (
          <span className="field__error" role="alert">
            {rt('register.export.failed', { format: rt(`register.export.${state.format}`), message: state.message })}
          </span>
        )}
      </div>
    </div>
  );
}
