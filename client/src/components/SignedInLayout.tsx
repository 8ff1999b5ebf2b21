import { RequireAuth } from './RequireAuth';
import { AppShell } from './AppShell';

/**
 * The frame of every signed-in page: the check that someone is signed in (and has the second factor
 * their role requires), then the shell with its header and live connection. Loaded apart from the
 * sign-in page, which needs none of it.
 */
export function SignedInLayout() {
  return (
    <RequireAuth>
      <AppShell />
    </RequireAuth>
  );
}
