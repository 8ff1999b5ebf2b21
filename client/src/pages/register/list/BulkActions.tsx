import { useEffect, useRef, useState } from 'react';
import type { Issue, IssueBulkChange, IssueBulkResult } from '@shared/schemas/issues';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useBulkChangeIssues } from '@client/queries/issues';
import { BulkBar } from './BulkBar';
import { BulkConfirmDialog } from './BulkConfirmDialog';
import { BulkResults } from './BulkResults';
import type { Selection } from './useSelection';

/** 一括操作 (the secretariat): the bar while issues are ticked, its confirmation, and the result in a live region. */
export function BulkActions({ issues, selection }: { issues: Issue[]; selection: Selection }) {
  const errorMessage = useErrorMessage();
  const bulk = useBulkChangeIssues();
  const [asking, setAsking] = useState<IssueBulkChange | null>(null);
  const [result, setResult] = useState<IssueBulkResult | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  // The bar goes with the selection: focus moves to the result rather than being lost.
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  // Only ticked issues still on this page are changed (the selection is per page anyway).
  const chosen = issues.filter((issue) => selection.has(issue.id));

  function run(change: IssueBulkChange) {
    bulk.mutate(
      { ids: chosen.map((i) => i.id), change },
      {
        onSuccess(done) {
          setResult(done);
          setAsking(null);
          selection.clear();
        },
      },
    );
  }

  return (
    <>
      {chosen.length > 0 && (
        <BulkBar
          count={chosen.length}
          onChange={(change) => {
            bulk.reset();
            setResult(null);
            setAsking(change);
          }}
          onClear={selection.clear}
        />
      )}
      {asking && chosen.length > 0 && (
        <BulkConfirmDialog
          issues={chosen}
          change={asking}
          busy={bulk.isPending}
          error={bulk.isError ? errorMessage(bulk.error) : null}
          onConfirm={run}
          onCancel={() => setAsking(null)}
        />
      )}
      <div ref={resultRef} tabIndex={-1} aria-live="polite" className="bulk-results-region">
        {result && <BulkResults result={result} />}
      </div>
    </>
  );
}
