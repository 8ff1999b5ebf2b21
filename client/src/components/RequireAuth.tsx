import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '@client/queries/me';
import type { LoginLocationState } from '@client/pages/loginNotice';
import { CurrentUserContext } from './CurrentUser';
import { LoadingState } from './LoadingState';
import { ErrorState } from './ErrorState';
import { EnrolmentGate } from '@client/pages/security/EnrolmentGate';

/**
 * Renders its children for a signed-in person; anyone else goes to the login page, and someone
 * who must first set up a second factor to the set-up (the server says so in /api/me).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <LoadingState fullPage />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} fullPage />;
  if (!me.data) {
    const state: LoginLocationState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  if (me.data.signIn.enrolmentRequired) return <EnrolmentGate me={me.data} />;
  return <CurrentUserContext value={me.data}>{children}</CurrentUserContext>;
}
