/**
 * A failure beside the control that caused it (a live-room step, a status change). The live
 * region stays in the DOM so that the message is announced when it appears.
 */
export function InlineError({ message }: { message: string | null | undefined | false }) {
  return (
    <div aria-live="assertive">
      {message && (
        <p className="field__error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
