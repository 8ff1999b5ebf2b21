import { useState } from 'react';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useMeetingsT } from '../useMeetingsT';
import { downloadBlob } from '@client/api';

interface Props {
  path: string;
  fallbackName: string;
  label: string;
  className?: string;
}

/** A button that downloads a file the server builds, saying so while it works and why if it fails. */
export function DownloadButton({ path, fallbackName, label, className = 'button button--secondary button--small' }: Props) {
  const mt = useMeetingsT();
  const errorMessage = useErrorMessage();
  const [state, setState] = useState<{ phase: 'idle' } | { phase: 'working' } | { phase: 'failed'; message: string }>({ phase: 'idle' });

  async function run() {
    setState({ phase: 'working' });
    try {
      await downloadBlob(path, fallbackName);
      setState({ phase: 'idle' });
    } catch (error) {
      setState({ phase: 'failed', message: errorMessage(error) });
    }
  }

  return (
    <span className="download-button">
      <button
        type="button"
        className={className}
        disabled={state.phase === 'working'}
        aria-busy={state.phase === 'working' || undefined}
        onClick={() => void run()}
      >
        {label}
      </button>
      <span className="download-button__status" aria-live="polite">
        {state.phase === 'working' && <span className="visually-hidden">{mt('meetings.download.working')}</span>}
        {state.phase === 'failed' && (
          <span className="field__error" role="alert">
            {mt('meetings.download.failed', { message: state.message })}
          </span>
        )}
      </span>
    </span>
  );
}
