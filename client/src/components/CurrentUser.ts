import { createContext, useContext } from 'react';
import type { Me } from '@shared/schemas/users';

/** The signed-in person, provided by RequireAuth to everything inside the app shell. */
export const CurrentUserContext = createContext<Me | null>(null);

export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser must be used inside RequireAuth');
  return me;
}
