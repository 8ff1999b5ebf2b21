/** Why the login page was opened, passed in the navigation state. */
export const LOGIN_NOTICES = [
  'loggedOut',
  'sessionLoggedOut',
  'sessionDeactivated',
  'sessionPasswordChanged',
  'sessionSecondFactorChanged',
  'sessionExpired',
] as const;
export type LoginNotice = (typeof LOGIN_NOTICES)[number];

export interface LoginLocationState {
  notice?: LoginNotice;
  /** Where to return after signing in. */
  from?: string;
}

export function readLoginState(state: unknown): LoginLocationState {
  if (typeof state !== 'object' || state === null) return {};
  const { notice, from } = state as Record<string, unknown>;
  return {
    notice: LOGIN_NOTICES.find((n) => n === notice),
    from: typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : undefined,
  };
}
