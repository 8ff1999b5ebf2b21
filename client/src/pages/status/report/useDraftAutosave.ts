/**
 * Drafts save as they are typed: each change marks what it touched (one area, the comment, the
 * lists of added and removed areas); once typing has paused (useDebouncedValue) the touched parts are
 * sent in one PUT — an area whole, and only the areas that changed — one request at a time. Nothing is
 * sent while an IME is converting (the half-converted kana would be saved), and an area with a
 * mistake in it waits until it is put right.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Report, ReportDraftBody } from '@shared/schemas/statusReports';
import { isApiError } from '@client/api';
import { useDebouncedValue } from '@client/components/useDebouncedValue';

/** How long typing must pause before a save. */
export const SAVE_DELAY_MS = 1000;

export type SaveState =
  | { phase: 'idle' }
  /** Changes not sent yet (typing, or waiting for the pause). */
  | { phase: 'pending' }
  /** The pause came while an IME was converting: the save waits for the conversion to be confirmed. */
  | { phase: 'composing' }
  | { phase: 'saving' }
  | { phase: 'saved'; at: Date }
  /** Some changes cannot be sent as they are (a mistake in an area). */
  | { phase: 'invalid' }
  | { phase: 'failed'; error: unknown };

/** One part of the draft: `area:<key>`, `comment` or `lists`. */
export type DraftPart = `area:${string}` | 'comment' | 'lists';

interface Options {
  /** The body for the parts given, or null for a part that cannot be sent yet (the parts left out wait). */
  bodyFor: (parts: DraftPart[]) => { body: ReportDraftBody; sent: DraftPart[] } | null;
  save: (body: ReportDraftBody) => Promise<Report>;
  onSaved: (report: Report, sent: DraftPart[]) => void;
}

export function useDraftAutosave({ bodyFor, save, onSaved }: Options) {
  const [state, setState] = useState<SaveState>({ phase: 'idle' });
  const [revision, setRevision] = useState(0);
  const settled = useDebouncedValue(revision, SAVE_DELAY_MS);
  const composing = useRef(false);
  /** Each part's edit count, so a save only clears what did not change again while it was under way. */
  const dirty = useRef(new Map<DraftPart, number>());
  const inFlight = useRef<Promise<void> | null>(null);
  const retryTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(retryTimer.current), []);
  const latest = useRef({ bodyFor, save, onSaved });
  latest.current = { bodyFor, save, onSaved };

  const flush = useCallback(async (): Promise<void> => {
    while (inFlight.current) await inFlight.current;
    if (dirty.current.size === 0) return;
    const parts = [...dirty.current.keys()];
    const built = latest.current.bodyFor(parts);
    if (!built || built.sent.length === 0) {
      setState({ phase: 'invalid' });
      return;
    }
    const versions = new Map(built.sent.map((part) => [part, dirty.current.get(part)]));
    if (Object.keys(built.body).length === 0) {
      // What changed needs no saving any more (an area taken out of the report meanwhile).
      for (const [part, version] of versions) if (dirty.current.get(part) === version) dirty.current.delete(part);
      setState(dirty.current.size === 0 ? { phase: 'idle' } : { phase: 'invalid' });
      return;
    }
    clearTimeout(retryTimer.current);
    const run = (async () => {
      setState({ phase: 'saving' });
      try {
        const report = await latest.current.save(built.body);
        for (const [part, version] of versions) if (dirty.current.get(part) === version) dirty.current.delete(part);
        latest.current.onSaved(report, built.sent);
        const waiting = built.sent.length < parts.length;
        setState(dirty.current.size === 0 ? { phase: 'saved', at: new Date() } : waiting ? { phase: 'invalid' } : { phase: 'pending' });
      } catch (error) {
        setState({ phase: 'failed', error });
        // Too many saves in a minute (a long burst of typing): try again when the server says.
        if (isApiError(error) && error.status === 429) {
          clearTimeout(retryTimer.current);
          retryTimer.current = setTimeout(() => void flush(), (error.retryAfterSeconds ?? 5) * 1000);
        }
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    await run;
  }, []);

  // Typing paused: save, unless a conversion is still open (its end saves).
  useEffect(() => {
    if (settled === 0) return;
    if (composing.current) {
      if (dirty.current.size > 0) setState({ phase: 'composing' });
      return;
    }
    void flush();
  }, [settled, flush]);

  /** A part changed; `now` saves without waiting for a pause (adding or removing an area). */
  const touch = useCallback(
    (part: DraftPart, now = false) => {
      dirty.current.set(part, (dirty.current.get(part) ?? 0) + 1);
      setState((s) => (s.phase === 'saving' ? s : { phase: 'pending' }));
      if (now && !composing.current) void flush();
      else setRevision((r) => r + 1);
    },
    [flush],
  );

  /** The handlers for the form: a conversion holds the saves until it is confirmed. */
  const compositionHandlers = {
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: () => {
      composing.current = false;
      // Restart the pause: the confirmed text is saved once typing stops.
      setRevision((r) => r + 1);
    },
  };

  /** Save everything now (before submitting); true when nothing is left unsaved. */
  const saveNow = useCallback(async (): Promise<boolean> => {
    await flush();
    return dirty.current.size === 0;
  }, [flush]);

  return { state, touch, compositionHandlers, saveNow, retry: () => void flush() };
}
