import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '@client/realtime/useRealtime';

/** Blips shorter than this (a server restart, a role change reconnecting) are not worth a banner. */
const GRACE_MS = 1_500;

/** "接続が切れています。再接続中…" while the live connection is down; `message` says what resumes by itself. */
export function ConnectionBanner({ message }: { message?: string }) {
  const { t } = useTranslation();
  const state = useConnectionState();
  const [graceOver, setGraceOver] = useState(false);

  useEffect(() => {
    if (state !== 'interrupted') return;
    const timer = setTimeout(() => setGraceOver(true), GRACE_MS);
    return () => {
      clearTimeout(timer);
      setGraceOver(false);
    };
  }, [state]);

  return (
    <div className="connection-banner" role="status">
      {state === 'interrupted' && graceOver && (
        <p className="notice notice--warning connection-banner__notice">
          <span className="spinner spinner--small" aria-hidden="true" />
          {message ?? t('threads.view.disconnected')}
        </p>
      )}
    </div>
  );
}
