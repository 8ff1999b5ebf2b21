import { ErrorState } from '@client/components/ErrorState';
import { useMeetingsT } from '../useMeetingsT';

/** A meeting that could not be loaded: not found (with the way back to the list), refused, or a retry. */
export function MeetingLoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const mt = useMeetingsT();
  return (
    <ErrorState
      error={error}
      onRetry={retry}
      back={{ to: '/meetings', label: mt('meetings.detail.backToList') }}
      notFound={mt('meetings.detail.notFound')}
    />
  );
}
