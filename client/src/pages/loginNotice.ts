/** Why the login page was opened, passed in the navigation state. */
export type LoginNotice = 'loggedOut' | 'sessionLoggedOut' | 'sessionDeactivated';

export interface LoginLocationState {
  notice?: LoginNotice;
  /** Where to return after signing in. */
  from?: string;
}

export function readLoginState(state: unknown): LoginLocationState {
  if (typeof state !== 'object' || state === null) return {};
  const { notice, from } = state as Record<string, unknown>;
  return {
    notice: notice === 'loggedOut' || notice === 'sessionLoggedOut' || notice === 'sessionDeactivated' ? notice : undefined,
    from: typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : undefined,
  };
}
