import { TextField } from '@client/components/TextField';

interface Props {
  label: string;
  hint?: string | undefined;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  /** A recovery code instead of the app's 6-digit code. */
  recovery?: boolean;
}

/**
 * The code from the authenticator app: a numeric keypad on phones and the code the browser or
 * phone can fill in (`one-time-code`). Spaces and full-width digits typed with an IME are accepted:
 * the shared schema normalises them.
 */
export function CodeField({ recovery = false, onChange, ...props }: Props) {
  return (
    <TextField
      {...props}
      type="text"
      name={recovery ? 'recoveryCode' : 'code'}
      inputMode={recovery ? 'text' : 'numeric'}
      autoComplete={recovery ? 'off' : 'one-time-code'}
      autoCapitalize="off"
      spellCheck={false}
      maxLength={recovery ? 40 : 20}
      required
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
