/**
 * The place a form reports a failed submit. The live region stays in the DOM so that the
 * message is announced when it appears.
 */
export function FormAlert({ message }: { message: string | null | undefined }) {
  return (
    <div className="form-alert" aria-live="assertive" aria-atomic="true">
      {message && (
        <div className="notice notice--error">
          <p>{message}</p>
        </div>
      )}
    </div>
  );
}
