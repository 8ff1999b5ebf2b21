export interface Result {
  tone: 'success' | 'error';
  message: string;
}

/** The outcome of the last row action, in a live region that is always present. */
export function ActionResult({ result }: { result: Result | null }) {
  return (
    <div aria-live={result?.tone === 'error' ? 'assertive' : 'polite'} aria-atomic="true">
      {result && (
        <div className={`notice notice--${result.tone}`}>
          <p>{result.message}</p>
        </div>
      )}
    </div>
  );
}
