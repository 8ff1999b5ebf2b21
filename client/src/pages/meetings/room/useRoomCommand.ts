import { useState } from 'react';
import { useErrorMessage } from '@client/components/useErrorMessage';

/**
 * A room command run from a button: which one is under way (by key: the question, the person, or
 * one key for a panel with a single command) and why the last one failed, in the reader's words.
 */
export function useRoomCommand() {
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function run(key: string, action: () => Promise<unknown>): Promise<void> {
    setBusy(key);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  return { busy, failure, run };
}
